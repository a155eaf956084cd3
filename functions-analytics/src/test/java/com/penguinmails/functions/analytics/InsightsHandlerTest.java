package com.penguinmails.functions.analytics;

import static org.assertj.core.api.Assertions.assertThat;

import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPEvent;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPResponse;
import com.fasterxml.jackson.databind.JsonNode;
import com.penguinmails.core.platform.Json;
import com.penguinmails.embedded.EmbeddedDynamoDbExtension;
import com.penguinmails.functions.testing.FunctionHarness;
import java.util.HashMap;
import java.util.Map;
import java.util.stream.Collectors;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** Runs on the contract's stub RollupWiring (reads nothing); the lead's reader brings real roll-ups. */
class InsightsHandlerTest {

    @RegisterExtension
    static final EmbeddedDynamoDbExtension DYNAMO = new EmbeddedDynamoDbExtension();

    private InsightsHandler handler;

    @BeforeEach
    void setUp() {
        FunctionHarness harness = new FunctionHarness(DYNAMO);
        handler = new InsightsHandler(harness.platformFor("analytics-insights-api", FunctionHarness.clock(), Map.of()));
    }

    @Test
    void trendOfACounterWithNoRollupsIsZeroFilled() throws Exception {
        APIGatewayV2HTTPResponse response = handler.handleRequest(get("/v1/analytics/trends", Map.of("metric", "sent")), null);
        assertThat(response.getStatusCode()).as(response.getBody()).isEqualTo(200);
        JsonNode body = Json.MAPPER.readTree(response.getBody());
        assertThat(body.get("metric").asText()).isEqualTo("sent");
        assertThat(body.get("points").size()).isBetween(28, 29);
        assertThat(body.get("slope").get("significant").asBoolean()).isFalse();
    }

    @Test
    void badInputIsA400AndShortHistoryA422() throws Exception {
        APIGatewayV2HTTPResponse unknown = handler.handleRequest(get("/v1/analytics/trends", Map.of("metric", "nope")), null);
        assertThat(unknown.getStatusCode()).isEqualTo(400);
        assertThat(unknown.getBody()).contains("complaintRate").contains("delivered");
        assertThat(handler.handleRequest(get("/v1/analytics/forecast", Map.of("metric", "sent", "horizon", "29")), null)
                .getStatusCode()).isEqualTo(400);
        assertThat(handler.handleRequest(get("/v1/analytics/trends", Map.of("metric", "sent",
                "from", "2026-02-01T00:00:00Z", "to", "2026-01-01T00:00:00Z")), null).getStatusCode()).isEqualTo(400);
        APIGatewayV2HTTPResponse short_ = handler.handleRequest(get("/v1/analytics/forecast", Map.of("metric", "bounceRate")), null);
        assertThat(short_.getStatusCode()).as(short_.getBody()).isEqualTo(422);
        JsonNode problem = Json.MAPPER.readTree(short_.getBody());
        assertThat(problem.get("type").asText()).endsWith("/insufficient-history");
        assertThat(problem.get("minimumPoints").asInt()).isEqualTo(16);
        assertThat(problem.get("availablePoints").asInt()).isZero();
    }

    private static APIGatewayV2HTTPEvent get(String path, Map<String, String> query) {
        // In this order: the route key before the bare path it contains (Map.of's order changes from run to run).
        Map<String, String> replacements = new java.util.LinkedHashMap<>();
        replacements.put("POST /v1/api-keys", "GET " + path);
        replacements.put("\"method\": \"POST\"", "\"method\": \"GET\"");
        replacements.put("/v1/api-keys", path);
        APIGatewayV2HTTPEvent event = FunctionHarness.event("http/create-api-key.json", APIGatewayV2HTTPEvent.class, replacements);
        event.setHeaders(new HashMap<>(event.getHeaders()));
        event.getHeaders().remove("idempotency-key");
        event.setBody(null);
        event.setQueryStringParameters(new HashMap<>(query));
        event.setRawQueryString(query.entrySet().stream().map(e -> e.getKey() + "=" + e.getValue())
                .collect(Collectors.joining("&")));
        return event;
    }
}
