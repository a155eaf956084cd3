package com.penguinmails.local;

import static com.penguinmails.local.TestPlatforms.await;
import static com.penguinmails.local.TestPlatforms.get;
import static com.penguinmails.local.TestPlatforms.json;
import static com.penguinmails.local.TestPlatforms.post;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.penguinmails.catalog.FunctionCatalog;
import com.penguinmails.embedded.DynaliteServer;
import com.penguinmails.sending.messages.OutboundQueue;
import com.penguinmails.sending.messages.internal.SqsOutboundQueue;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;

/**
 * Issue 8, section 5: the embedded DynamoDB frozen with SIGSTOP (it still accepts connections, it answers nothing),
 * on the whole local platform with the real catalog. API calls answer 503 problem+json with Retry-After inside the
 * function's timeout instead of hanging; messages accepted before it whose turn to be sent comes while the store is
 * frozen, and those a client retries after a 503, are each delivered exactly once when it answers again.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class StoreOutageEndToEndTest {

    private static final String JSON = "application/json";
    private static final FunctionCatalog CATALOG = FunctionCatalog.load();
    /**
     * Longer than one SDK call of the sender may take (a third of its 60 s timeout), so its claims fail and it really
     * has to wait the outage out; shorter than the 39 s its invocation may wait (60 s less one call and a second).
     */
    private static final Duration SENDING_OUTAGE = Duration.ofSeconds(30);
    private static final int BATCH = 10;

    private static LocalPlatform platform;
    private static DynaliteServer dynamoDb;
    private static String auth;
    private static String pool;

    @BeforeAll
    static void start() {
        platform = LocalPlatform.builder().port(0).start();
        dynamoDb = platform.embeddedDynamoDb().orElseThrow();
        auth = "Bearer " + platform.ownerApiKey().orElseThrow();
        TestPlatforms.verifiedDomain(platform, auth, "outage.test");
        pool = TestPlatforms.ipPool(platform, auth, "outage", "198.51.100.40", 1000);
    }

    @AfterAll
    static void stop() {
        if (platform != null) {
            platform.close();
        }
    }

    @Test
    @Order(1)
    void whileTheStoreDoesNotAnswerApiCallsGet503ProblemJsonWithRetryAfterWithinTheFunctionTimeout() {
        Duration keysTimeout = Duration.ofSeconds(CATALOG.function("api-keys-api").timeoutSeconds());
        Duration messagesTimeout = Duration.ofSeconds(CATALOG.function("messages-api").timeoutSeconds());
        dynamoDb.pause();
        try {
            assertStoreUnavailableWithin(keysTimeout, () -> get(platform, "/v1/api-keys", "Authorization", auth));
            assertStoreUnavailableWithin(keysTimeout, () -> post(platform, "/v1/api-keys",
                    "{\"name\":\"during the outage\",\"scopes\":[\"messages:send\"]}", "Authorization", auth, "Content-Type", JSON));
            assertStoreUnavailableWithin(messagesTimeout, () -> post(platform, "/v1/messages", message("refused@example.org"),
                    "Authorization", auth, "Content-Type", JSON));
        } finally {
            dynamoDb.resume();
        }
        await(Duration.ofSeconds(15), "the API to serve again", () -> get(platform, "/v1/api-keys", "Authorization", auth).statusCode() == 200);
        List<String> names = new ArrayList<>();
        json(get(platform, "/v1/api-keys", "Authorization", auth)).path("data").forEach(k -> names.add(k.path("name").asText()));
        assertThat(names).as("a 503 POST created nothing").doesNotContain("during the outage");
    }

    @Test
    @Order(2)
    void messagesWhoseTurnComesDuringTheOutageAndThoseRetriedAfterA503AreEachDeliveredExactlyOnce() {
        // Accepted before the outage, due later: nothing is being sent yet, so the freeze cannot miss the sender.
        String sendAt = platform.clock().instant().plus(Duration.ofHours(1)).toString();
        StringBuilder recipients = new StringBuilder("[");
        for (int i = 0; i < BATCH; i++) {
            recipients.append(i == 0 ? "" : ",").append("{\"to\":\"before").append(i).append("@example.org\"}");
        }
        HttpResponse<String> batch = post(platform, "/v1/messages/batch", "{\"from\":\"news@outage.test\",\"subject\":\"Before\","
                + "\"text\":\"Accepted before the outage\",\"recipients\":" + recipients + "],\"ipPool\":\"" + pool + "\","
                + "\"sendAt\":\"" + sendAt + "\"}", "Authorization", auth, "Content-Type", JSON);
        assertThat(batch.statusCode()).as(batch.body()).isEqualTo(202);
        List<String> accepted = new ArrayList<>();
        json(batch).path("results").forEach(r -> accepted.add(r.path("messageId").asText()));
        assertThat(accepted).hasSize(BATCH).doesNotContain("");

        List<String> refused = new ArrayList<>();
        dynamoDb.pause();
        long pausedAt = System.nanoTime();
        try {
            // Their turn comes now: their tickets reach the sender, as the release job's would, while the store is frozen.
            String workspaceId = platform.workspaceId().orElseThrow();
            for (String id : accepted) {
                platform.sqs().sendMessage(r -> r.queueUrl(platform.queueUrl("outbound-messages"))
                        .messageBody(SqsOutboundQueue.body(new OutboundQueue.Ticket(workspaceId, id))));
            }
            for (int i = 0; i < 2; i++) {
                HttpResponse<String> during = post(platform, "/v1/messages", message("during" + i + "@example.org"),
                        "Authorization", auth, "Content-Type", JSON);
                assertThat(during.statusCode()).as(during.body()).isEqualTo(503);
                refused.add("during" + i + "@example.org");
            }
            sleepUntil(pausedAt + SENDING_OUTAGE.toNanos());
            assertThat(deliveries()).as("nothing can be claimed while the store is frozen").doesNotContainKeys(accepted.toArray(String[]::new));
        } finally {
            dynamoDb.resume();
        }

        // A client retries what got a 503, after Retry-After.
        for (String to : refused) {
            HttpResponse<String> retried = post(platform, "/v1/messages", message(to), "Authorization", auth, "Content-Type", JSON);
            assertThat(retried.statusCode()).as(retried.body()).isEqualTo(202);
            accepted.add(json(retried).path("id").asText());
        }

        await(Duration.ofSeconds(45), "every accepted message in the outbox", () -> deliveries().keySet().containsAll(accepted));
        sleepUntil(System.nanoTime() + Duration.ofSeconds(3).toNanos()); // time for a second copy to show up, if any
        Map<String, Integer> deliveries = deliveries();
        assertThat(deliveries.keySet()).as("nothing but what was accepted").containsExactlyInAnyOrderElementsOf(accepted);
        deliveries.forEach((id, count) -> assertThat(count).as("deliveries of %s", id).isEqualTo(1));
    }

    private static void assertStoreUnavailableWithin(Duration functionTimeout, java.util.function.Supplier<HttpResponse<String>> call) {
        long started = System.nanoTime();
        HttpResponse<String> response = call.get();
        Duration took = Duration.ofNanos(System.nanoTime() - started);

        assertThat(response.statusCode()).as(response.body()).isEqualTo(503);
        assertThat(response.headers().firstValue("content-type")).hasValue("application/problem+json");
        assertThat(response.headers().firstValue("retry-after")).hasValueSatisfying(v -> assertThat(Integer.parseInt(v)).isPositive());
        JsonNode problem = json(response);
        assertThat(problem.path("type").asText()).isEqualTo("https://docs.penguinmails.dev/problems/store-unavailable");
        assertThat(problem.path("status").asInt()).isEqualTo(503);
        assertThat(took).as("answered within the function's timeout of %s", functionTimeout).isLessThan(functionTimeout);
    }

    private static String message(String to) {
        return "{\"from\":\"news@outage.test\",\"to\":\"" + to + "\",\"subject\":\"Hi\",\"text\":\"Hello\",\"ipPool\":\"" + pool + "\"}";
    }

    private static JsonNode outbox() {
        HttpResponse<String> response = get(platform, "/_local/outbox");
        assertThat(response.statusCode()).isEqualTo(200);
        return json(response);
    }

    /** How often the sink received each PenguinMails message id. */
    private static Map<String, Integer> deliveries() {
        Map<String, Integer> counts = new HashMap<>();
        for (JsonNode mail : outbox()) {
            for (Iterator<Map.Entry<String, JsonNode>> headers = mail.path("headers").fields(); headers.hasNext(); ) {
                Map.Entry<String, JsonNode> header = headers.next();
                if (header.getKey().equalsIgnoreCase("X-PM-Message-Id")) {
                    counts.merge(header.getValue().get(0).asText(), 1, Integer::sum);
                }
            }
        }
        return counts;
    }

    private static void sleepUntil(long nanoTime) {
        long left = nanoTime - System.nanoTime();
        if (left > 0) {
            try {
                Thread.sleep(Duration.ofNanos(left).toMillis());
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new AssertionError(e);
            }
        }
    }
}
