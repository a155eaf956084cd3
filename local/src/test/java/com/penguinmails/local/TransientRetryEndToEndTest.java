package com.penguinmails.local;

import static com.penguinmails.local.TestPlatforms.await;
import static com.penguinmails.local.TestPlatforms.get;
import static com.penguinmails.local.TestPlatforms.json;
import static com.penguinmails.local.TestPlatforms.post;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * A transient SMTP refusal on the whole local platform: the SMTP sink answers 451 to the first two tries, and the
 * message waits DEFERRED with each failed try on its timeline, is released by {@code release-due-messages} once the
 * platform clock passes its back-off, and the third try delivers it, once.
 */
class TransientRetryEndToEndTest {

    private static final String JSON = "application/json";
    private static LocalPlatform platform;
    private static String auth;

    @BeforeAll
    static void start() {
        platform = LocalPlatform.builder().port(0).start();
        auth = "Bearer " + platform.ownerApiKey().orElseThrow();
    }

    @AfterAll
    static void stop() {
        if (platform != null) {
            platform.close();
        }
    }

    @Test
    void twoTransientRefusalsAreRetriedWithBackOffAndTheThirdTryDelivers() {
        TestPlatforms.verifiedDomain(platform, auth, "retry.test");
        String pool = TestPlatforms.ipPool(platform, auth, "retry", "198.51.100.20", 50);
        platform.mailSink().refuseNext(2);

        HttpResponse<String> sent = post(platform, "/v1/messages", "{\"from\":\"news@retry.test\",\"to\":\"ada@example.org\","
                + "\"subject\":\"Hi\",\"text\":\"Hello\",\"ipPool\":\"" + pool + "\"}", "Authorization", auth, "Content-Type", JSON);
        assertThat(sent.statusCode()).as(sent.body()).isEqualTo(202);
        String id = json(sent).path("id").asText();

        await(Duration.ofSeconds(30), "the first try failed", () -> lastDetail(id).startsWith("try 1 of 6 failed: "));
        assertThat(json(message(id)).path("status").asText()).isEqualTo("deferred");
        assertThat(lastDetail(id)).contains("451").contains("next try at ");
        // The first wait is at most 60 s; the release job runs each minute.
        advance(Duration.ofSeconds(120));
        await(Duration.ofSeconds(30), "the second try failed", () -> lastDetail(id).startsWith("try 2 of 6 failed: "));
        assertThat(platform.mailSink().messages()).isEmpty();
        advance(Duration.ofSeconds(180));

        await(Duration.ofSeconds(30), "delivered", () -> "delivered".equals(json(message(id)).path("status").asText()));
        assertThat(platform.mailSink().messages()).singleElement().satisfies(m -> assertThat(m.to()).containsExactly("ada@example.org"));
        List<String> statuses = new ArrayList<>();
        json(message(id)).path("timeline").forEach(entry -> statuses.add(entry.path("status").asText()));
        assertThat(statuses).containsExactly("queued", "sending", "deferred", "sending", "deferred", "sending", "sent", "delivered");
    }

    private static HttpResponse<String> message(String id) {
        return get(platform, "/v1/messages/" + id, "Authorization", auth);
    }

    private static String lastDetail(String id) {
        JsonNode timeline = json(message(id)).path("timeline");
        return timeline.isEmpty() ? "" : timeline.get(timeline.size() - 1).path("detail").asText();
    }

    private static void advance(Duration amount) {
        HttpResponse<String> moved = post(platform, "/_local/clock/advance", "{\"seconds\":" + amount.toSeconds() + "}", "Content-Type", JSON);
        assertThat(moved.statusCode()).as(moved.body()).isEqualTo(200);
    }
}
