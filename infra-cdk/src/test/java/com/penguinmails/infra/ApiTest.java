package com.penguinmails.infra;

import static org.assertj.core.api.Assertions.assertThat;

import com.penguinmails.catalog.FunctionCatalog;
import com.penguinmails.catalog.FunctionCatalog.BoundRoute;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import software.amazon.awscdk.assertions.Match;

class ApiTest {

    private static final FunctionCatalog CATALOG = FunctionCatalog.load();
    private static Synthesized dev;

    @BeforeAll
    static void synthesize() {
        dev = Synthesized.of(DeploymentStage.DEV);
    }

    @Test
    void thereIsExactlyOneRoutePerCatalogRoute() {
        List<Object> routeKeys = dev.allProperties("AWS::ApiGatewayV2::Route").stream()
                .map(route -> route.get("RouteKey"))
                .collect(Collectors.toList());
        assertThat(routeKeys).containsExactlyInAnyOrderElementsOf(
                CATALOG.routes().stream().map(bound -> bound.route().routeKey()).collect(Collectors.toList()));
    }

    @Test
    void authenticatedRoutesUseTheAuthorizerAndPublicOnesDoNot() {
        String authorizer = onlyLogicalId("AWS::ApiGatewayV2::Authorizer");
        for (BoundRoute bound : CATALOG.routes()) {
            dev.template().hasResourceProperties("AWS::ApiGatewayV2::Route", bound.route().isPublic()
                    ? Map.of("RouteKey", bound.route().routeKey(), "AuthorizationType", "NONE",
                            "AuthorizerId", Match.absent())
                    : Map.of("RouteKey", bound.route().routeKey(), "AuthorizationType", "CUSTOM",
                            "AuthorizerId", Map.of("Ref", authorizer)));
        }
    }

    @Test
    void theAuthorizerRunsOnEveryRequestWithoutCachingAndAnswersSimply() {
        String alias = dev.logicalId(dev.stack().functions().function(CATALOG.authorizer().orElseThrow().name()).alias());
        Map<String, Object> properties = dev.properties("AWS::ApiGatewayV2::Authorizer",
                onlyLogicalId("AWS::ApiGatewayV2::Authorizer"));
        assertThat(properties).containsAllEntriesOf(Map.of(
                "AuthorizerType", "REQUEST",
                "AuthorizerPayloadFormatVersion", "2.0",
                "EnableSimpleResponses", true,
                "AuthorizerResultTtlInSeconds", 0));
        assertThat((List<?>) properties.get("IdentitySource")).isNullOrEmpty();
        assertThat(Synthesized.json(properties.get("AuthorizerUri"))).contains("{\"Ref\":\"" + alias + "\"}");
    }

    @Test
    void routesAreIntegratedWithTheServingFunctionsLiveAliasUsingPayloadV2() {
        for (BoundRoute bound : CATALOG.routes()) {
            String alias = dev.logicalId(dev.stack().functions().function(bound.function().name()).alias());
            dev.template().hasResourceProperties("AWS::ApiGatewayV2::Integration", Map.of(
                    "IntegrationType", "AWS_PROXY",
                    "IntegrationUri", Map.of("Ref", alias),
                    "PayloadFormatVersion", "2.0"));
        }
    }

    @Test
    void theDefaultStageIsThrottledAndWritesJsonAccessLogs() {
        dev.template().hasResourceProperties("AWS::ApiGatewayV2::Stage", Match.objectLike(Map.of(
                "StageName", "$default",
                "AutoDeploy", true,
                "DefaultRouteSettings", Map.of(
                        "ThrottlingBurstLimit", Api.THROTTLE_BURST_LIMIT,
                        "ThrottlingRateLimit", Api.THROTTLE_RATE_LIMIT),
                "AccessLogSettings", Map.of(
                        "DestinationArn", Match.anyValue(),
                        "Format", Match.stringLikeRegexp("^\\{\"requestId\":\"\\$context.requestId\".*}$")))));
    }

    @Test
    void theApiUrlIsAnOutput() {
        dev.template().hasOutput("ApiUrl", Match.objectLike(Map.of("Value", Match.anyValue())));
    }

    private static String onlyLogicalId(String type) {
        Map<String, ?> resources = dev.template().findResources(type);
        assertThat(resources).hasSize(1);
        return resources.keySet().iterator().next();
    }
}
