package com.penguinmails.embedded;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.URI;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.IntStream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.sns.SnsClient;
import software.amazon.awssdk.services.sns.model.BatchEntryIdsNotDistinctException;
import software.amazon.awssdk.services.sns.model.BatchRequestTooLongException;
import software.amazon.awssdk.services.sns.model.EmptyBatchRequestException;
import software.amazon.awssdk.services.sns.model.InvalidParameterException;
import software.amazon.awssdk.services.sns.model.NotFoundException;
import software.amazon.awssdk.services.sns.model.PublishBatchRequestEntry;
import software.amazon.awssdk.services.sns.model.PublishBatchResponse;
import software.amazon.awssdk.services.sns.model.TooManyEntriesInBatchRequestException;
import software.amazon.awssdk.services.sqs.SqsClient;
import software.amazon.awssdk.services.sqs.model.Message;
import software.amazon.awssdk.services.sqs.model.QueueAttributeName;

/** The stand-in through the real SDK SNS client, delivering into ElasticMQ. */
class SnsStandInTest {

    private static final StaticCredentialsProvider CREDENTIALS =
            StaticCredentialsProvider.create(AwsBasicCredentials.create("local", "local"));

    private static ElasticMqServer elasticMq;
    private static SqsClient sqs;
    private static SnsStandIn standIn;
    private static SnsClient sns;
    private static int topics;

    @BeforeAll
    static void start() {
        elasticMq = ElasticMqServer.start(0, "us-east-1");
        sqs = SqsClient.builder().endpointOverride(elasticMq.endpoint()).region(Region.US_EAST_1)
                .credentialsProvider(CREDENTIALS).httpClientBuilder(UrlConnectionHttpClient.builder()).build();
        standIn = SnsStandIn.start(0, "us-east-1", sqs, Clock.systemUTC());
        sns = SnsClient.builder().endpointOverride(standIn.endpoint()).region(Region.US_EAST_1)
                .credentialsProvider(CREDENTIALS).httpClientBuilder(UrlConnectionHttpClient.builder()).build();
    }

    @AfterAll
    static void stop() {
        sns.close();
        standIn.close();
        sqs.close();
        elasticMq.close();
    }

    private static String newTopic() {
        return sns.createTopic(c -> c.name("events-" + ++topics)).topicArn();
    }

    private static String queue(String name) {
        return sqs.createQueue(c -> c.queueName(name + "-" + topics)).queueUrl();
    }

    private static String arnOf(String queueUrl) {
        return sqs.getQueueAttributes(g -> g.queueUrl(queueUrl).attributeNames(QueueAttributeName.QUEUE_ARN))
                .attributes().get(QueueAttributeName.QUEUE_ARN);
    }

    private static void subscribe(String topicArn, String queueUrl, String filterPolicy) {
        sns.subscribe(s -> s.topicArn(topicArn).protocol("sqs").endpoint(arnOf(queueUrl)).attributes(Map.of(
                "RawMessageDelivery", "true", "FilterPolicyScope", "MessageBody", "FilterPolicy", filterPolicy)));
    }

    private static List<String> drain(String queueUrl) {
        List<String> bodies = new ArrayList<>();
        List<Message> received;
        do {
            received = sqs.receiveMessage(r -> r.queueUrl(queueUrl).maxNumberOfMessages(10).waitTimeSeconds(0)).messages();
            received.forEach(m -> {
                bodies.add(m.body());
                sqs.deleteMessage(d -> d.queueUrl(queueUrl).receiptHandle(m.receiptHandle()));
            });
        } while (!received.isEmpty());
        return bodies;
    }

    @Test
    void publishBatchDeliversEachBodyRawToExactlyTheQueuesWhosePolicyMatches() {
        String topic = newTopic();
        String messages = queue("messages");
        String bounces = queue("bounces");
        String notOpens = queue("not-opens");
        subscribe(topic, messages, "{\"type\":[{\"prefix\":\"message.\"}]}");
        subscribe(topic, bounces, "{\"type\":[\"message.bounced\"],\"data\":{\"kind\":[\"hard\"]}}");
        subscribe(topic, notOpens, "{\"type\":[{\"anything-but\":[\"message.opened\"]}],\"workspaceid\":[{\"exists\":true}]}");
        String opened = "{\"type\":\"message.opened\",\"workspaceid\":\"ws_1\",\"data\":{}}";
        String hardBounce = "{\"type\":\"message.bounced\",\"workspaceid\":\"ws_1\",\"data\":{\"kind\":\"hard\"}}";
        String softBounce = "{\"type\":\"message.bounced\",\"workspaceid\":\"ws_1\",\"data\":{\"kind\":\"soft\"}}";
        String keyRevoked = "{\"type\":\"api-key.revoked\",\"data\":{}}";

        PublishBatchResponse response = sns.publishBatch(b -> b.topicArn(topic).publishBatchRequestEntries(
                entry("a", opened), entry("b", hardBounce), entry("c", softBounce), entry("d", keyRevoked)));

        assertThat(response.successful()).extracting(s -> s.id()).containsExactly("a", "b", "c", "d");
        assertThat(response.successful()).allSatisfy(s -> assertThat(s.messageId()).isNotBlank());
        assertThat(response.failed()).isEmpty();
        assertThat(drain(messages)).containsExactlyInAnyOrder(opened, hardBounce, softBounce);
        assertThat(drain(bounces)).containsExactly(hardBounce);
        assertThat(drain(notOpens)).containsExactlyInAnyOrder(hardBounce, softBounce);
    }

    @Test
    void publishDeliversOneMessageAndAQueueUrlIsAnEndpointToo() {
        String topic = newTopic();
        String all = queue("all");
        standIn.subscribe(topic, all, null);

        String id = sns.publish(p -> p.topicArn(topic).message("{\"type\":\"ip.paused\"}")).messageId();

        assertThat(id).isNotBlank();
        assertThat(drain(all)).containsExactly("{\"type\":\"ip.paused\"}");
    }

    @Test
    void withoutRawDeliveryTheQueueGetsSnsNotificationEnvelope() {
        String topic = newTopic();
        String wrapped = queue("wrapped");
        sns.subscribe(s -> s.topicArn(topic).protocol("sqs").endpoint(arnOf(wrapped)));

        sns.publish(p -> p.topicArn(topic).message("hello"));

        assertThat(drain(wrapped)).singleElement().satisfies(body -> assertThat(body)
                .contains("\"Type\":\"Notification\"", "\"Message\":\"hello\"", "\"TopicArn\":\"" + topic + "\""));
    }

    @Test
    void refusesWhatSnsRefusesWithItsErrorCodes() {
        String topic = newTopic();
        String unknownTopic = topic + "-missing";
        assertThatThrownBy(() -> sns.publish(p -> p.topicArn(unknownTopic).message("x")))
                .isInstanceOf(NotFoundException.class);
        assertThatThrownBy(() -> sns.publish(p -> p.topicArn(topic).message("")))
                .isInstanceOf(InvalidParameterException.class);
        assertThatThrownBy(() -> sns.publishBatch(b -> b.topicArn(topic).publishBatchRequestEntries(List.of())))
                .isInstanceOf(EmptyBatchRequestException.class);
        assertThatThrownBy(() -> sns.publishBatch(b -> b.topicArn(topic).publishBatchRequestEntries(
                IntStream.range(0, 11).mapToObj(i -> entry("e" + i, "{}")).toList())))
                .isInstanceOf(TooManyEntriesInBatchRequestException.class);
        assertThatThrownBy(() -> sns.publishBatch(b -> b.topicArn(topic).publishBatchRequestEntries(entry("x", "{}"), entry("x", "{}"))))
                .isInstanceOf(BatchEntryIdsNotDistinctException.class);
        String half = "x".repeat(130 * 1024);
        assertThatThrownBy(() -> sns.publishBatch(b -> b.topicArn(topic).publishBatchRequestEntries(entry("a", half), entry("b", half))))
                .isInstanceOf(BatchRequestTooLongException.class);
        String queue = queue("refusals");
        assertThatThrownBy(() -> subscribe(topic, queue, "{\"type\":[{\"nonsense\":1}]}"))
                .isInstanceOf(InvalidParameterException.class).hasMessageContaining("FilterPolicy");
        assertThatThrownBy(() -> sns.subscribe(s -> s.topicArn(topic).protocol("sqs").endpoint(arnOf(queue))
                .attributes(Map.of("FilterPolicy", "{\"type\":[\"a\"]}"))))
                .as("attribute-scoped policies are not served").isInstanceOf(InvalidParameterException.class);
        assertThatThrownBy(() -> sns.subscribe(s -> s.topicArn(topic).protocol("sqs").endpoint("arn:aws:sqs:us-east-1:000000000000:none")))
                .isInstanceOf(InvalidParameterException.class);
        assertThat(drain(queue)).isEmpty();
    }

    @Test
    void anInjectedFailureIsReportedPerEntryAndDeliversNothingForIt() {
        String topic = newTopic();
        String all = queue("partial");
        standIn.subscribe(topic, all, null);
        standIn.failNextEntries(1);

        PublishBatchResponse response = sns.publishBatch(b -> b.topicArn(topic).publishBatchRequestEntries(
                entry("a", "one"), entry("b", "two")));

        assertThat(response.failed()).singleElement().satisfies(f -> {
            assertThat(f.id()).isEqualTo("a");
            assertThat(f.code()).isEqualTo("InternalError");
            assertThat(f.senderFault()).isFalse();
        });
        assertThat(response.successful()).extracting(s -> s.id()).containsExactly("b");
        assertThat(drain(all)).containsExactly("two");
    }

    @Test
    void theEndpointIsLoopback() {
        assertThat(standIn.endpoint()).isEqualTo(URI.create("http://127.0.0.1:" + standIn.endpoint().getPort()));
    }

    private static PublishBatchRequestEntry entry(String id, String message) {
        return PublishBatchRequestEntry.builder().id(id).message(message).build();
    }
}
