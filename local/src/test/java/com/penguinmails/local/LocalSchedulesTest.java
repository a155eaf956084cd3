package com.penguinmails.local;

import static com.penguinmails.local.TestPlatforms.get;
import static com.penguinmails.local.TestPlatforms.json;
import static com.penguinmails.local.TestPlatforms.post;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

/** Scheduled functions on the movable clock: catch-up when time is moved, and runs by hand. */
class LocalSchedulesTest {

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
    void advancingTheClockTwoDaysFiresADailyScheduleExactlyTwice() {
        List<Map<String, AttributeValue>> before = invocations();
        Instant startedAt = Instant.parse(json(get(platform, "/_local/clock")).path("now").asText());

        HttpResponse<String> response = post(platform, "/_local/clock/advance", "{\"seconds\": 172800}");

        assertThat(response.statusCode()).isEqualTo(200);
        JsonNode answer = json(response);
        Instant now = Instant.parse(answer.path("now").asText());
        assertThat(now).isBetween(startedAt.plus(Duration.ofDays(2)), startedAt.plus(Duration.ofDays(2)).plusSeconds(30));
        JsonNode fired = answer.path("fired");
        assertThat(fired).hasSize(2);
        assertThat(fired).extracting(f -> f.path("schedule").asText()).containsOnly("daily");
        Instant first = Instant.parse(fired.get(0).path("time").asText());
        Instant second = Instant.parse(fired.get(1).path("time").asText());
        assertThat(Duration.between(first, second)).isEqualTo(Duration.ofDays(1));
        assertThat(second).isBeforeOrEqualTo(now);

        List<Map<String, AttributeValue>> after = invocations();
        assertThat(after).hasSize(before.size() + 2);
        Map<String, AttributeValue> latest = after.get(after.size() - 1);
        assertThat(latest.get("detailType").s()).isEqualTo("Scheduled Event");
        assertThat(latest.get("source").s()).isEqualTo("aws.events");
        assertThat(latest.get("rule").s()).isEqualTo("arn:aws:events:us-east-1:000000000000:rule/pm-local-daily");
        // The function read the moved clock through its Platform.
        assertThat(Instant.parse(latest.get("invokedAt").s())).isAfterOrEqualTo(startedAt.plus(Duration.ofDays(2)));
    }

    @Test
    void runningAScheduleByHandInvokesItOnce() {
        int before = invocations().size();

        HttpResponse<String> response = post(platform, "/_local/schedules/daily/run", "");

        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(response.body()).isEqualTo("{\"schedule\":\"daily\",\"ok\":true}");
        assertThat(invocations()).hasSize(before + 1);
    }

    @Test
    void unknownSchedulesAndBadAdvancesAreProblems() {
        HttpResponse<String> unknown = post(platform, "/_local/schedules/nope/run", "");
        assertThat(unknown.statusCode()).isEqualTo(404);
        assertThat(json(unknown).path("type").asText())
                .isEqualTo("https://docs.penguinmails.dev/problems/schedule-not-found");

        assertThat(post(platform, "/_local/clock/advance", "{\"seconds\": -5}").statusCode()).isEqualTo(400);
        assertThat(post(platform, "/_local/clock/advance", "soon").statusCode()).isEqualTo(400);
    }

    private static List<Map<String, AttributeValue>> invocations() {
        return platform.dynamoDb().query(b -> b.tableName(platform.tableName("records"))
                .keyConditionExpression("pk = :pk")
                .expressionAttributeValues(Map.of(":pk", AttributeValue.fromS("schedule:daily")))
                .consistentRead(true)).items();
    }
}
