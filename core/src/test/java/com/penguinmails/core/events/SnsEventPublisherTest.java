package com.penguinmails.core.events;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.penguinmails.catalog.FunctionSpec;
import com.penguinmails.core.CoreWiring;
import com.penguinmails.core.events.internal.SnsEventPublisher;
import com.penguinmails.core.platform.AwsClients;
import com.penguinmails.core.platform.Json;
import com.penguinmails.core.platform.Platform;
import com.penguinmails.embedded.ElasticMqServer;
import com.penguinmails.embedded.SnsStandIn;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.stream.IntStream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.core.interceptor.Context;
import software.amazon.awssdk.core.interceptor.ExecutionAttributes;
import software.amazon.awssdk.core.interceptor.ExecutionInterceptor;
import software.amazon.awssdk.services.sns.SnsClient;
import software.amazon.awssdk.services.sns.model.PublishBatchRequest;
import software.amazon.awssdk.services.sqs.SqsClient;
import software.amazon.awssdk.services.sqs.model.Message;

/** The SNS publisher against the SNS stand-in, through the SDK, into an ElasticMQ queue subscribed to the topic. */
class SnsEventPublisherTest {

    private static final Clock CLOCK = Clock.fixed(Instant.parse("2030-05-06T07:08:09Z"), ZoneOffset.UTC);

    /** Platforms need one; these tests never call it. */
    private static final software.amazon.awssdk.services.dynamodb.DynamoDbClient UNUSED_DYNAMODB =
            AwsClients.dynamoDb(java.net.URI.create("http://127.0.0.1:9"), "us-east-1");

    private static ElasticMqServer elasticMq;
    private static SqsClient sqs;
    private static SnsStandIn standIn;
    private static final List<Integer> batchSizes = new CopyOnWriteArrayList<>();
    private static SnsClient sns;
    private static int topics;

    private String topicArn;
    private String queueUrl;

    @BeforeAll
    static void start() {
        elasticMq = ElasticMqServer.start(0, "us-east-1");
        sqs = AwsClients.sqs(elasticMq.endpoint(), "us-east-1");
        standIn = SnsStandIn.start(0, "us-east-1", sqs, CLOCK);
        // Counts the entries of every PublishBatch request that goes on the wire.
        ExecutionInterceptor counting = new ExecutionInterceptor() {
            @Override
            public void beforeTransmission(Context.BeforeTransmission context, ExecutionAttributes attributes) {
                if (context.request() instanceof PublishBatchRequest batch) {
                    batchSizes.add(batch.publishBatchRequestEntries().size());
                }
            }
        };
        sns = SnsClient.builder().endpointOverride(standIn.endpoint()).region(software.amazon.awssdk.regions.Region.US_EAST_1)
                .credentialsProvider(() -> software.amazon.awssdk.auth.credentials.AwsBasicCredentials.create("local", "local"))
                .httpClient(software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient.create())
                .overrideConfiguration(c -> c.addExecutionInterceptor(counting)).build();
    }

    @AfterAll
    static void stop() {
        sns.close();
        standIn.close();
        sqs.close();
        elasticMq.close();
    }

    @BeforeEach
    void topicWithOneQueue() {
        topicArn = standIn.createTopic("events-" + ++topics);
        queueUrl = sqs.createQueue(c -> c.queueName("consumer-" + topics)).queueUrl();
        standIn.subscribe(topicArn, queueUrl, "{\"type\":[{\"prefix\":\"message.\"}]}");
        batchSizes.clear();
    }

    private static PlatformEvent event(int n, String padding) {
        return PlatformEvent.builder(EventType.MESSAGE_SENT).id(PlatformEvent.idFor("message.sent", "msg_" + n))
                .source("/penguinmails/sender").time(CLOCK.instant()).subject("msg_" + n).workspaceId("ws_1")
                .data(Json.MAPPER.createObjectNode().put("n", n).put("padding", padding)).build();
    }

    private List<PlatformEvent> received() {
        List<PlatformEvent> events = new ArrayList<>();
        List<Message> batch;
        do {
            batch = sqs.receiveMessage(r -> r.queueUrl(queueUrl).maxNumberOfMessages(10)).messages();
            for (Message m : batch) {
                events.add(PlatformEventJson.read(m.body()));
                sqs.deleteMessage(d -> d.queueUrl(queueUrl).receiptHandle(m.receiptHandle()));
            }
        } while (!batch.isEmpty());
        return events;
    }

    @Test
    void publishesInBatchesOfAtMostTenEachEventOnce() {
        List<PlatformEvent> events = IntStream.range(0, 23).mapToObj(n -> event(n, "")).toList();

        new SnsEventPublisher(sns, topicArn).publish(events);

        assertThat(batchSizes).containsExactly(10, 10, 3);
        assertThat(received()).containsExactlyInAnyOrderElementsOf(events);
    }

    @Test
    void splitsABatchThatWouldPassSnssSizeLimit() {
        String hundredKiB = "x".repeat(100 * 1024);
        List<PlatformEvent> events = IntStream.range(0, 5).mapToObj(n -> event(n, hundredKiB)).toList();

        new SnsEventPublisher(sns, topicArn).publish(events);

        assertThat(batchSizes).containsExactly(2, 2, 1);
        assertThat(received()).containsExactlyInAnyOrderElementsOf(events);
    }

    @Test
    void triesEntriesSnsReportsFailedAgain() {
        List<PlatformEvent> events = IntStream.range(0, 4).mapToObj(n -> event(n, "")).toList();
        standIn.failNextEntries(3);

        new SnsEventPublisher(sns, topicArn).publish(events);

        assertThat(batchSizes).containsExactly(4, 3);
        assertThat(received()).containsExactlyInAnyOrderElementsOf(events);
    }

    @Test
    void throwsWhenEntriesStillFailAfterItsTries() {
        standIn.failNextEntries(100);

        assertThatThrownBy(() -> new SnsEventPublisher(sns, topicArn).publish(List.of(event(1, ""), event(2, ""))))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("2 of 2 platform events were not published").hasMessageContaining("InternalError");
        standIn.failNextEntries(0);
        assertThat(batchSizes).hasSize(3);
        assertThat(received()).isEmpty();
    }

    @Test
    void refusesAnEventLargerThanSnsTakesBeforeSendingAny() {
        List<PlatformEvent> events = List.of(event(1, ""), event(2, "x".repeat(SnsEventPublisher.MAX_REQUEST_BYTES)));

        assertThatThrownBy(() -> new SnsEventPublisher(sns, topicArn).publish(events))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("larger than SNS's");
        assertThat(batchSizes).isEmpty();
    }

    @Test
    void aFunctionsPlatformPublishesToTheTopicItsEnvironmentNames() {
        Platform platform = Platform.create(Map.of(FunctionSpec.EVENT_TOPIC_VARIABLE, topicArn,
                AwsClients.SNS_ENDPOINT_VARIABLE, standIn.endpoint().toString(), "AWS_REGION", "us-east-1"), UNUSED_DYNAMODB, sqs, CLOCK);

        CoreWiring.eventTopicPublisher(platform).publish(event(7, ""));

        assertThat(received()).containsExactly(event(7, ""));
    }

    @Test
    void aFunctionWithoutTheTopicCannotGetAPublisher() {
        Platform platform = Platform.create(Map.of(), UNUSED_DYNAMODB, sqs, CLOCK);

        assertThatThrownBy(() -> CoreWiring.eventTopicPublisher(platform))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining(FunctionSpec.EVENT_TOPIC_VARIABLE).hasMessageContaining("events: publish");
    }
}
