package com.penguinmails.local.testhandlers;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestHandler;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPEvent;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPResponse;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.penguinmails.core.platform.Platform;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Answers with what it was given, so tests can see the event the gateway built. {@code /v1/things/boom} throws. */
public final class EchoHandler implements RequestHandler<APIGatewayV2HTTPEvent, APIGatewayV2HTTPResponse> {

    private final Platform platform;

    public EchoHandler(Platform platform) {
        this.platform = platform;
    }

    @Override
    public APIGatewayV2HTTPResponse handleRequest(APIGatewayV2HTTPEvent event, Context context) {
        if (event.getPathParameters() != null && "boom".equals(event.getPathParameters().get("id"))) {
            throw new IllegalStateException("boom, as requested");
        }
        APIGatewayV2HTTPEvent.RequestContext request = event.getRequestContext();
        Map<String, Object> echo = new LinkedHashMap<>();
        echo.put("version", event.getVersion());
        echo.put("routeKey", event.getRouteKey());
        echo.put("rawPath", event.getRawPath());
        echo.put("rawQueryString", event.getRawQueryString());
        echo.put("queryStringParameters", event.getQueryStringParameters());
        echo.put("pathParameters", event.getPathParameters());
        echo.put("headers", event.getHeaders());
        echo.put("cookies", event.getCookies());
        echo.put("body", event.getBody());
        echo.put("isBase64Encoded", event.getIsBase64Encoded());
        echo.put("authorizer", request.getAuthorizer() == null ? null : request.getAuthorizer().getLambda());
        echo.put("requestContext", Map.of(
                "accountId", request.getAccountId(),
                "apiId", request.getApiId(),
                "stage", request.getStage(),
                "routeKey", request.getRouteKey(),
                "method", request.getHttp().getMethod(),
                "sourceIp", request.getHttp().getSourceIp(),
                "timeEpoch", request.getTimeEpoch(),
                "requestId", request.getRequestId()));
        echo.put("functionName", context.getFunctionName());
        echo.put("stage", platform.required("PM_STAGE"));
        try {
            return APIGatewayV2HTTPResponse.builder()
                    .withStatusCode(200)
                    .withHeaders(Map.of("content-type", "application/json", "x-echo", "yes"))
                    .withMultiValueHeaders(Map.of("x-multi", List.of("one", "two")))
                    .withCookies(List.of("session=abc; Path=/"))
                    .withBody(platform.json().writeValueAsString(echo))
                    .build();
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }
}
