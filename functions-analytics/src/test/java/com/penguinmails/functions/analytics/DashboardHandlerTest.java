package com.penguinmails.functions.analytics;

import static org.assertj.core.api.Assertions.assertThat;

import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPEvent;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPResponse;
import com.penguinmails.embedded.EmbeddedDynamoDbExtension;
import com.penguinmails.functions.testing.FunctionHarness;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.extension.RegisterExtension;

/** The page's files as the dashboard function serves them from its jar, with the catalog's environment, no API key. */
class DashboardHandlerTest {

    @RegisterExtension
    static final EmbeddedDynamoDbExtension DYNAMO = new EmbeddedDynamoDbExtension();
    private static DashboardHandler handler;

    @BeforeAll
    static void start() {
        handler = new DashboardHandler(new FunctionHarness(DYNAMO).platformFor("dashboard", FunctionHarness.clock(), Map.of()));
    }

    @Test
    void theIndexIsThePagesHtmlWithItsViewportAndASameOriginPolicy() {
        APIGatewayV2HTTPResponse page = handler.handleRequest(get("GET /dashboard", "/dashboard", null), null);

        assertThat(page.getStatusCode()).isEqualTo(200);
        assertThat(page.getHeaders()).containsEntry("Content-Type", "text/html; charset=utf-8")
                .containsEntry("X-Content-Type-Options", "nosniff");
        assertThat(page.getHeaders().get("Content-Security-Policy")).contains("script-src 'self'", "connect-src 'self'");
        assertThat(page.getBody()).contains("<meta name=\"viewport\"", "data-testid=\"api-key\"", "/dashboard/app.js", "/dashboard/styles.css");
    }

    @Test
    void theBundledScriptAndStylesheetComeWithTheirContentTypes() {
        APIGatewayV2HTTPResponse script = handler.handleRequest(get("GET /dashboard/{file}", "/dashboard/app.js", "app.js"), null);
        APIGatewayV2HTTPResponse styles = handler.handleRequest(get("GET /dashboard/{file}", "/dashboard/styles.css", "styles.css"), null);

        assertThat(script.getStatusCode()).isEqualTo(200);
        assertThat(script.getHeaders()).containsEntry("Content-Type", "text/javascript; charset=utf-8");
        assertThat(script.getBody()).as("Chart.js is bundled in, not fetched from elsewhere").contains("/v1/analytics/kpis").doesNotContain("from\"chart.js\"", "from 'chart.js'", "require(\"chart.js\")");
        assertThat(styles.getStatusCode()).isEqualTo(200);
        assertThat(styles.getHeaders()).containsEntry("Content-Type", "text/css; charset=utf-8");
    }

    @ParameterizedTest
    @ValueSource(strings = {"nope.js", "..", "../pom.xml", "..%2Fpom.xml", ".hidden.js", "index", "DashboardHandler.class",
            "app.js.map", "penguinmails-catalog.yaml", "log4j2.xml", "%2e%2e"})
    void anythingButThePagesOwnFilesIsA404(String file) {
        APIGatewayV2HTTPResponse response = handler.handleRequest(get("GET /dashboard/{file}", "/dashboard/" + file, file), null);

        assertThat(response.getStatusCode()).as(file).isEqualTo(404);
        assertThat(response.getHeaders().get("Content-Type")).isEqualTo("application/problem+json");
    }

    private static APIGatewayV2HTTPEvent get(String routeKey, String path, String file) {
        APIGatewayV2HTTPEvent.RequestContext.Http http = new APIGatewayV2HTTPEvent.RequestContext.Http();
        http.setMethod("GET");
        http.setPath(path);
        http.setSourceIp("198.51.100.7");
        APIGatewayV2HTTPEvent.RequestContext context = new APIGatewayV2HTTPEvent.RequestContext();
        context.setRequestId("req-dashboard");
        context.setHttp(http);
        APIGatewayV2HTTPEvent event = new APIGatewayV2HTTPEvent();
        event.setRouteKey(routeKey);
        event.setRawPath(path);
        event.setHeaders(Map.of("accept", "text/html"));
        event.setPathParameters(file == null ? null : Map.of("file", file));
        event.setRequestContext(context);
        return event;
    }
}
