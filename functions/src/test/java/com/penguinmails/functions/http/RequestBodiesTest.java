package com.penguinmails.functions.http;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import com.penguinmails.core.problems.ApiProblem;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Request bodies are read strictly: a value of the wrong JSON type, or anything after the body, is a 400 naming it. */
class RequestBodiesTest {

    record Body(String name, String reason, Integer rateLimitPerSecond, Long gracePeriodSeconds, Integer weight, List<Long> warmupSteps,
                Boolean trackOpens, Instant sendAt, Double replyRate, List<String> tags, Map<String, String> variables,
                List<Member> ips) {}

    record Member(String ipId, int weight) {}

    @Test
    void aWellFormedBodyReadsAsBefore() {
        Body body = RequestBodies.parse("{\"name\":\"x\",\"rateLimitPerSecond\":5,\"gracePeriodSeconds\":60,\"weight\":2,"
                + "\"warmupSteps\":[5,10],\"trackOpens\":true,\"sendAt\":\"2027-01-31T12:00:00Z\",\"replyRate\":1,"
                + "\"tags\":[\"a\"],\"variables\":{\"name\":\"Ada\"},\"ips\":[{\"ipId\":\"ip_1\",\"weight\":1}]}\n", Body.class);

        assertThat(body.rateLimitPerSecond()).isEqualTo(5);
        assertThat(body.warmupSteps()).containsExactly(5L, 10L);
        assertThat(body.sendAt()).isEqualTo(Instant.parse("2027-01-31T12:00:00Z"));
        assertThat(body.replyRate()).as("a whole number is a fine double").isEqualTo(1.0);
        assertThat(body.variables()).containsEntry("name", "Ada");
        assertThat(body.ips()).containsExactly(new Member("ip_1", 1));
    }

    @Test
    void anythingAfterTheBodyIsA400() {
        assertInvalidJson("{\"name\":\"x\"} xyz");
        assertInvalidJson("{\"name\":\"x\"} {\"name\":\"y\"}");
        assertInvalidJson("{\"name\":\"x\"} 5");
    }

    @Test
    void stringsAreNotNumbers() {
        assertField("{\"rateLimitPerSecond\":\"5\"}", "rateLimitPerSecond");
        assertField("{\"weight\":\"5\"}", "weight");
        assertField("{\"warmupSteps\":[\"5\"]}", "warmupSteps[0]");
        assertField("{\"ips\":[{\"ipId\":\"ip_1\",\"weight\":\"5\"}]}", "ips[0].weight");
        assertField("{\"replyRate\":\"0.5\"}", "replyRate");
    }

    @Test
    void fractionsAreNotWholeNumbers() {
        assertField("{\"gracePeriodSeconds\":1.5}", "gracePeriodSeconds");
        assertField("{\"weight\":1.0}", "weight");
    }

    @Test
    void onlyTrueAndFalseAreBooleans() {
        assertField("{\"trackOpens\":1}", "trackOpens");
        assertField("{\"trackOpens\":\"\"}", "trackOpens");
        assertField("{\"trackOpens\":\"true\"}", "trackOpens");
    }

    @Test
    void numbersAndBooleansAreNotStrings() {
        assertField("{\"reason\":5}", "reason");
        assertField("{\"reason\":1.5}", "reason");
        assertField("{\"reason\":true}", "reason");
        assertField("{\"variables\":{\"name\":5}}", "variables.name");
        assertField("{\"tags\":[5]}", "tags[0]");
    }

    @Test
    void anEmptyStringIsNotATime() {
        assertField("{\"sendAt\":\"\"}", "sendAt");
        assertField("{\"sendAt\":\"tomorrow\"}", "sendAt");
    }

    @Test
    void timesPastTheYear9999AreA400NotAnOverflowLater() {
        assertField("{\"sendAt\":\"+999999999-12-31T23:59:59Z\"}", "sendAt");
        assertField("{\"sendAt\":\"-999999999-01-01T00:00:00Z\"}", "sendAt");
        assertThat(RequestBodies.parse("{\"sendAt\":\"9999-12-31T23:59:59Z\"}", Body.class).sendAt())
                .isEqualTo(Instant.parse("9999-12-31T23:59:59Z"));
    }

    @Test
    void nullsInsideArraysAndMapsAreA400NamingTheEntry() {
        assertField("{\"tags\":[null]}", "tags[0]");
        assertField("{\"ips\":[null]}", "ips[0]");
        assertField("{\"warmupSteps\":[1,null]}", "warmupSteps[1]");
        assertField("{\"variables\":{\"name\":null}}", "variables.name");
    }

    @Test
    void aFieldGivenTwiceIsA400() {
        assertInvalidJson("{\"name\":\"x\",\"name\":\"y\"}");
    }

    @Test
    void numbersTooLargeForTheirFieldAreA400() {
        ApiProblem problem = problem("{\"rateLimitPerSecond\":99999999999999999999}");
        assertThat(problem.status()).isEqualTo(400);
        ApiProblem longer = problem("{\"gracePeriodSeconds\":1e400}");
        assertThat(longer.status()).isEqualTo(400);
    }

    @Test
    void objectsWhereScalarsBelongAndTheOtherWayRoundAreA400() {
        assertField("{\"name\":{\"a\":1}}", "name");
        assertField("{\"name\":[\"x\"]}", "name");
        assertField("{\"ips\":{\"ipId\":\"ip_1\"}}", "ips");
        assertField("{\"variables\":[\"x\"]}", "variables");
        assertInvalidJson("[{\"name\":\"x\"}]");
    }

    private static void assertField(String json, String field) {
        ApiProblem problem = problem(json);
        assertThat(problem.status()).as(json).isEqualTo(400);
        assertThat(problem.extensions()).as(json + ": " + problem.detail()).containsEntry("field", field);
    }

    private static void assertInvalidJson(String json) {
        ApiProblem problem = problem(json);
        assertThat(problem.status()).as(json).isEqualTo(400);
        assertThat(problem.type()).as(json + ": " + problem.detail()).endsWith("/invalid-json");
    }

    private static ApiProblem problem(String json) {
        ApiProblem problem = catchThrowableOfType(() -> RequestBodies.parse(json, Body.class), ApiProblem.class);
        assertThat(problem).as("%s was accepted", json).isNotNull();
        return problem;
    }
}
