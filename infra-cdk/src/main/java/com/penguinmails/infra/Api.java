package com.penguinmails.infra;

import com.penguinmails.catalog.FunctionCatalog;
import com.penguinmails.catalog.FunctionCatalog.BoundRoute;
import com.penguinmails.catalog.HttpRoute;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Collectors;
import software.amazon.awscdk.Duration;
import software.amazon.awscdk.aws_apigatewayv2_authorizers.HttpLambdaAuthorizer;
import software.amazon.awscdk.aws_apigatewayv2_authorizers.HttpLambdaAuthorizerProps;
import software.amazon.awscdk.aws_apigatewayv2_authorizers.HttpLambdaResponseType;
import software.amazon.awscdk.aws_apigatewayv2_integrations.HttpLambdaIntegration;
import software.amazon.awscdk.aws_apigatewayv2_integrations.HttpLambdaIntegrationProps;
import software.amazon.awscdk.services.apigateway.AccessLogFormat;
import software.amazon.awscdk.services.apigatewayv2.AddRoutesOptions;
import software.amazon.awscdk.services.apigatewayv2.HttpApi;
import software.amazon.awscdk.services.apigatewayv2.HttpMethod;
import software.amazon.awscdk.services.apigatewayv2.HttpNoneAuthorizer;
import software.amazon.awscdk.services.apigatewayv2.HttpStage;
import software.amazon.awscdk.services.apigatewayv2.IAccessLogDestination;
import software.amazon.awscdk.services.apigatewayv2.IAccessLogSettings;
import software.amazon.awscdk.services.apigatewayv2.IHttpRouteAuthorizer;
import software.amazon.awscdk.services.apigatewayv2.LogGroupLogDestination;
import software.amazon.awscdk.services.apigatewayv2.ThrottleSettings;
import software.amazon.awscdk.services.logs.LogGroup;
import software.constructs.Construct;

/**
 * The public HTTP API: one route per catalog route, each integrated with the {@code live} alias of the function
 * that serves it, guarded by the catalog's authorizer unless the route is declared {@code auth: none}.
 */
public final class Api extends Construct {

    /** Stage-wide defaults; a single misbehaving client should hit these long before Lambda concurrency limits. */
    static final int THROTTLE_BURST_LIMIT = 500;
    static final int THROTTLE_RATE_LIMIT = 1000;

    /** HTTP API context variables written per request, as one JSON object per line. */
    private static final Map<String, String> ACCESS_LOG_FIELDS = accessLogFields();

    public record Props(FunctionCatalog catalog, Functions functions, DeploymentStage stage) {
    }

    private final HttpApi httpApi;
    private final HttpStage defaultStage;

    public Api(Construct scope, String id, Props props) {
        super(scope, id);
        httpApi = HttpApi.Builder.create(this, "HttpApi")
                .apiName("penguinmails-" + props.stage().name())
                .description("PenguinMails public API (" + props.stage().name() + ")")
                .createDefaultStage(false)
                .build();
        defaultStage = HttpStage.Builder.create(this, "DefaultStage")
                .httpApi(httpApi)
                .stageName("$default")
                .autoDeploy(true)
                .throttle(ThrottleSettings.builder()
                        .burstLimit(THROTTLE_BURST_LIMIT)
                        .rateLimit(THROTTLE_RATE_LIMIT)
                        .build())
                .accessLogSettings(accessLogsTo(LogGroup.Builder.create(this, "AccessLogs")
                        .retention(props.stage().logRetention())
                        .removalPolicy(props.stage().removalPolicy())
                        .build()))
                .build();

        Optional<IHttpRouteAuthorizer> authorizer = props.catalog().authorizer()
                .map(spec -> apiKeyAuthorizer(props.functions().function(spec.name())));
        Map<String, HttpLambdaIntegration> integrations = new HashMap<>();
        for (BoundRoute bound : props.catalog().routes()) {
            String function = bound.function().name();
            // One invoke permission per function for this API, not one per route: CloudFormation allows 500 resources
            // a stack, and per-route permissions were 88 of them. API Gateway still sends a function only its own routes.
            HttpLambdaIntegration integration = integrations.computeIfAbsent(function, name ->
                    new HttpLambdaIntegration(Names.pascalCase(name), props.functions().function(name).alias(),
                            HttpLambdaIntegrationProps.builder().scopePermissionToRoute(false).build()));
            addRoute(bound.route(), integration, authorizer);
        }
    }

    public HttpApi httpApi() {
        return httpApi;
    }

    /** The base URL clients call, e.g. {@code https://abc123.execute-api.eu-west-1.amazonaws.com/}. */
    public String url() {
        return defaultStage.getUrl();
    }

    private void addRoute(HttpRoute route, HttpLambdaIntegration integration,
                          Optional<IHttpRouteAuthorizer> authorizer) {
        IHttpRouteAuthorizer routeAuthorizer = route.isPublic()
                ? new HttpNoneAuthorizer()
                : authorizer.orElseThrow(() -> new IllegalArgumentException("route " + route.routeKey()
                        + " needs an API key but the catalog declares no authorizer function"));
        var created = httpApi.addRoutes(AddRoutesOptions.builder()
                .path(route.path())
                .methods(List.of(HttpMethod.valueOf(route.method())))
                .integration(integration)
                .authorizer(routeAuthorizer)
                .build());
        if (route.isPublic()) {
            created.forEach(r -> Nag.suppress(r, "AwsSolutions-APIG4", "The catalog declares " + route.routeKey()
                    + " auth: none; it is public by design and its handler verifies the signed token it carries."));
        }
    }

    /**
     * The catalog's authorizer as a Lambda REQUEST authorizer. No identity source, because a request may carry its
     * key as {@code Authorization: Bearer} or {@code X-Api-Key}, and requests with neither must still reach the
     * authorizer so that the 401 is the platform's problem+json rather than API Gateway's. No result caching,
     * so a revoked key stops working on the next request.
     */
    private static IHttpRouteAuthorizer apiKeyAuthorizer(CatalogFunction function) {
        return new HttpLambdaAuthorizer("ApiKeyAuthorizer", function.alias(), HttpLambdaAuthorizerProps.builder()
                .authorizerName("api-key")
                .responseTypes(List.of(HttpLambdaResponseType.SIMPLE))
                .identitySource(List.of())
                .resultsCacheTtl(Duration.seconds(0))
                .build());
    }

    private static IAccessLogSettings accessLogsTo(LogGroup logGroup) {
        String format = ACCESS_LOG_FIELDS.entrySet().stream()
                .map(field -> "\"" + field.getKey() + "\":\"" + field.getValue() + "\"")
                .collect(Collectors.joining(",", "{", "}"));
        return new IAccessLogSettings() {
            @Override
            public IAccessLogDestination getDestination() {
                return new LogGroupLogDestination(logGroup);
            }

            @Override
            public AccessLogFormat getFormat() {
                return AccessLogFormat.custom(format);
            }
        };
    }

    private static Map<String, String> accessLogFields() {
        Map<String, String> fields = new LinkedHashMap<>();
        fields.put("requestId", "$context.requestId");
        fields.put("requestTime", "$context.requestTime");
        fields.put("sourceIp", "$context.identity.sourceIp");
        fields.put("userAgent", "$context.identity.userAgent");
        fields.put("routeKey", "$context.routeKey");
        fields.put("status", "$context.status");
        fields.put("responseLength", "$context.responseLength");
        fields.put("responseLatency", "$context.responseLatency");
        fields.put("integrationLatency", "$context.integrationLatency");
        fields.put("integrationError", "$context.integrationErrorMessage");
        fields.put("authorizerError", "$context.authorizer.error");
        return fields;
    }
}
