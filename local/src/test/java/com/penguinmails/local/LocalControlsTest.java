package com.penguinmails.local;

import static com.penguinmails.local.TestPlatforms.await;
import static com.penguinmails.local.TestPlatforms.get;
import static com.penguinmails.local.TestPlatforms.json;
import static com.penguinmails.local.TestPlatforms.post;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.penguinmails.catalog.QueueSpec;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** {@code GET /_local/queues} and {@code GET /_local/schedules}: the names to post to, with depths and next runs. */
class LocalControlsTest {

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
    void queuesAreListedWithTheirConsumerDepthsAndDeadLetterQueue() {
        // The test handler fails "fail" every time: after maxReceiveCount (2) receives it is in the DLQ.
        assertThat(post(platform, "/_local/queues/work/messages", "fail").statusCode()).isEqualTo(202);
        await(Duration.ofSeconds(20), "the failing message in the DLQ", () -> work().path("deadLetterQueue").path("messages").asLong() == 1);

        platform.stopPolling("work");
        for (int i = 0; i < 3; i++) {
            assertThat(post(platform, "/_local/queues/work/messages", "{\"n\":" + i + "}").statusCode()).isEqualTo(202);
        }

        HttpResponse<String> listed = get(platform, "/_local/queues");
        assertThat(listed.statusCode()).isEqualTo(200);
        assertThat(listed.headers().firstValue("content-type")).hasValue("application/json");
        List<String> names = new ArrayList<>();
        json(listed).path("queues").forEach(queue -> names.add(queue.path("name").asText()));
        assertThat(names).as("every queue of the test catalog")
                .containsExactlyInAnyOrderElementsOf(TestPlatforms.testCatalog().queues().stream().map(QueueSpec::name).toList());
        JsonNode work = work();
        assertThat(work.path("name").asText()).isEqualTo("work");
        assertThat(work.path("consumer").asText()).isEqualTo("worker");
        assertThat(work.path("messages").asLong()).isEqualTo(3);
        assertThat(work.path("inFlight").asLong()).isZero();
        assertThat(work.path("delayed").asLong()).isZero();
        assertThat(work.path("deadLetterQueue").path("name").asText()).isEqualTo("work-dlq");
        assertThat(work.path("deadLetterQueue").path("messages").asLong()).isEqualTo(1);
        assertThat(work.path("post").asText()).isEqualTo("/_local/queues/work/messages");
    }

    @Test
    void schedulesAreListedWithTheirExpressionAndNextRunOnThePlatformClock() {
        JsonNode daily = daily();
        assertThat(daily.path("name").asText()).isEqualTo("daily");
        assertThat(daily.path("expression").asText()).isEqualTo("rate(1 day)");
        assertThat(daily.path("run").asText()).isEqualTo("/_local/schedules/daily/run");
        Instant next = Instant.parse(daily.path("nextRun").asText());
        Instant now = platform.clock().instant();
        assertThat(next).isAfter(now).isBeforeOrEqualTo(now.plus(Duration.ofDays(1)));

        Duration toNext = Duration.between(now, next);
        HttpResponse<String> moved = post(platform, "/_local/clock/advance", "{\"seconds\":" + (toNext.getSeconds() + 1) + "}");
        assertThat(json(moved).path("fired")).hasSize(1);

        assertThat(Instant.parse(daily().path("nextRun").asText())).as("the next occurrence, a day later").isEqualTo(next.plus(Duration.ofDays(1)));
    }

    private static JsonNode work() {
        for (JsonNode queue : json(get(platform, "/_local/queues")).path("queues")) {
            if (queue.path("name").asText().equals("work")) {
                return queue;
            }
        }
        throw new AssertionError("no queue 'work' in /_local/queues");
    }

    private static JsonNode daily() {
        HttpResponse<String> listed = get(platform, "/_local/schedules");
        assertThat(listed.statusCode()).isEqualTo(200);
        JsonNode schedules = json(listed).path("schedules");
        assertThat(schedules).hasSize(1);
        return schedules.get(0);
    }
}
