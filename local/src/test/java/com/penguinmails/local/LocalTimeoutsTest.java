package com.penguinmails.local;

import static com.penguinmails.local.TestPlatforms.get;
import static com.penguinmails.local.TestPlatforms.json;
import static com.penguinmails.local.TestPlatforms.post;
import static org.assertj.core.api.Assertions.assertThat;

import com.penguinmails.local.testhandlers.OverrunningHttpHandler;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.sqs.model.Message;
import software.amazon.awssdk.services.sqs.model.MessageSystemAttributeName;

/** The local runtime enforces each function's catalog timeout as Lambda does (both test functions have 1 s). */
class LocalTimeoutsTest {

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
    void anHttpFunctionPastItsTimeoutFailsAsALambdaErrorAtTheTimeoutNotWhenItFinishes() {
        long started = System.nanoTime();
        HttpResponse<String> response = get(platform, "/public/overrun");
        Duration took = Duration.ofNanos(System.nanoTime() - started);

        // Lambda reports "Task timed out" as a function error, which an HTTP API answers with its bare 500.
        assertThat(response.statusCode()).isEqualTo(500);
        assertThat(json(response).path("message").asText()).isEqualTo("Internal Server Error");
        assertThat(took).as("answered at the 1 s timeout, not after the handler's %s ms", OverrunningHttpHandler.RUNS_MILLIS)
                .isLessThan(Duration.ofMillis(OverrunningHttpHandler.RUNS_MILLIS - 1_000));
    }

    @Test
    void aBatchPastItsTimeoutFailsWholeSoItsMessagesComeBackAndReachTheDeadLetterQueue() {
        String messageId = json(post(platform, "/_local/queues/slow-work/messages", "slow")).path("messageId").asText();

        Message dead = receiveFromDeadLetterQueue(Duration.ofSeconds(25));
        assertThat(dead.messageId()).isEqualTo(messageId);
        // Delivered twice (maxReceiveCount 2), each time past the timeout, though the handler then said "all done".
        assertThat(dead.attributes().get(MessageSystemAttributeName.APPROXIMATE_RECEIVE_COUNT)).isEqualTo("3");
    }

    private static Message receiveFromDeadLetterQueue(Duration timeout) {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (System.nanoTime() < deadline) {
            List<Message> messages = platform.sqs().receiveMessage(b -> b
                    .queueUrl(platform.deadLetterQueueUrl("slow-work"))
                    .waitTimeSeconds(1)
                    .messageSystemAttributeNames(MessageSystemAttributeName.ALL)).messages();
            if (!messages.isEmpty()) {
                return messages.get(0);
            }
        }
        throw new AssertionError("nothing reached the DLQ within " + timeout);
    }
}
