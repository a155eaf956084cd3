package com.penguinmails.local;

import static com.penguinmails.local.TestPlatforms.json;
import static com.penguinmails.local.TestPlatforms.post;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.penguinmails.core.platform.Json;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.sqs.model.Message;
import software.amazon.awssdk.services.sqs.model.MessageSystemAttributeName;

/** SQS-triggered functions: delivery through the poller, partial batch failures, and redrive to the DLQ. */
class LocalQueuesTest {

    private static LocalPlatform platform;

    @BeforeAll
    static void start() {
        platform = TestPlatforms.start();
    }

    @AfterAll
    static void stop() {
        platform.close();
    }

    @Test
    void aMessageSentThroughTheControlEndpointReachesTheQueuesFunction() {
        HttpResponse<String> sent = post(platform, "/_local/queues/work/messages", "hello");

        assertThat(sent.statusCode()).isEqualTo(202);
        String messageId = json(sent).path("messageId").asText();
        TestPlatforms.await(Duration.ofSeconds(15), "the worker to record " + messageId,
                () -> record(messageId) != null);
        Map<String, AttributeValue> record = record(messageId);
        assertThat(record.get("body").s()).isEqualTo("hello");
        assertThat(record.get("eventSource").s()).isEqualTo("aws:sqs");
        assertThat(record.get("eventSourceArn").s()).isEqualTo("arn:aws:sqs:us-east-1:000000000000:pm-local-work");
        assertThat(record.get("receiveCount").s()).isEqualTo("1");
    }

    @Test
    void aMessageThatFailsEveryTimeEndsInTheDeadLetterQueueAfterMaxReceiveCount() {
        String messageId = json(post(platform, "/_local/queues/work/messages", "fail")).path("messageId").asText();

        Message dead = receiveFromDeadLetterQueue(Duration.ofSeconds(20));
        assertThat(dead.messageId()).isEqualTo(messageId);
        assertThat(dead.body()).isEqualTo("fail");
        // Received twice by the worker (maxReceiveCount 2), and once more here.
        assertThat(dead.attributes().get(MessageSystemAttributeName.APPROXIMATE_RECEIVE_COUNT)).isEqualTo("3");
        assertThat(record(messageId)).isNull();
    }

    @Test
    void stampNowMovesTheSamplesTimesToThePlatformClockBeforeSending() throws Exception {
        String sample = "{\"sent\":\"2020-01-01T10:00:00.000Z\",\"bounced\":\"2020-01-01T10:00:05.000Z\"}";

        String messageId = json(post(platform, "/_local/queues/work/messages?stamp=now", sample)).path("messageId").asText();

        TestPlatforms.await(Duration.ofSeconds(15), "the worker to record " + messageId, () -> record(messageId) != null);
        JsonNode body = Json.MAPPER.readTree(record(messageId).get("body").s());
        Instant bounced = Instant.parse(body.path("bounced").asText());
        assertThat(Duration.between(bounced, platform.clock().instant()).abs()).as("the latest time is the platform's now")
                .isLessThan(Duration.ofSeconds(15));
        assertThat(Duration.between(Instant.parse(body.path("sent").asText()), bounced)).isEqualTo(Duration.ofSeconds(5));
    }

    @Test
    void theStampEndpointAnswersTheBodyWithItsTimesMovedAndAnUnknownStampIsABadRequest() {
        Instant now = platform.clock().instant();
        HttpResponse<String> stamped = post(platform, "/_local/stamp", "Date: Wed, 25 Nov 2026 10:00:07 +0000\r\n");

        assertThat(stamped.statusCode()).isEqualTo(200);
        Instant date = ZonedDateTime.parse(stamped.body().substring("Date: ".length()).strip(), DateTimeFormatter.RFC_1123_DATE_TIME).toInstant();
        assertThat(Duration.between(now, date).abs()).isLessThan(Duration.ofSeconds(15));
        assertThat(post(platform, "/_local/queues/work/messages?stamp=yesterday", "{}").statusCode()).isEqualTo(400);
    }

    @Test
    void anUnknownQueueIsANotFoundProblem() {
        HttpResponse<String> response = post(platform, "/_local/queues/nope/messages", "hello");

        assertThat(response.statusCode()).isEqualTo(404);
        assertThat(json(response).path("type").asText()).isEqualTo("https://docs.penguinmails.dev/problems/queue-not-found");
    }

    private static Message receiveFromDeadLetterQueue(Duration timeout) {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (System.nanoTime() < deadline) {
            List<Message> messages = platform.sqs().receiveMessage(b -> b
                    .queueUrl(platform.deadLetterQueueUrl("work"))
                    .waitTimeSeconds(1)
                    .messageSystemAttributeNames(MessageSystemAttributeName.ALL)).messages();
            if (!messages.isEmpty()) {
                return messages.get(0);
            }
        }
        throw new AssertionError("nothing reached the DLQ within " + timeout);
    }

    private static Map<String, AttributeValue> record(String messageId) {
        Map<String, AttributeValue> item = platform.dynamoDb().getItem(b -> b.tableName(platform.tableName("records"))
                .key(Map.of("pk", AttributeValue.fromS("sqs"), "sk", AttributeValue.fromS(messageId)))
                .consistentRead(true)).item();
        return item.isEmpty() ? null : item;
    }
}
