package com.penguinmails.local;

import static com.penguinmails.local.TestPlatforms.json;
import static com.penguinmails.local.TestPlatforms.post;
import static org.assertj.core.api.Assertions.assertThat;

import java.net.http.HttpResponse;
import java.time.Duration;
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
