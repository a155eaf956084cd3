package com.penguinmails.local;

import com.amazonaws.services.lambda.runtime.events.APIGatewayV2CustomAuthorizerEvent;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPEvent;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPResponse;
import com.penguinmails.catalog.FunctionCatalog.RouteMatch;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;

/**
 * Translates between HTTP and the Lambda events of an API Gateway HTTP API (payload format 2.0), field for
 * field as AWS fills them, so a handler cannot tell the local gateway from the real one.
 */
final class ApiGatewayEvents {

    static final String API_ID = "local";
    static final String STAGE = "$default";
    private static final DateTimeFormatter REQUEST_TIME =
            DateTimeFormatter.ofPattern("dd/MMM/yyyy:HH:mm:ss Z", Locale.ENGLISH).withZone(ZoneOffset.UTC);

    private final String region;

    ApiGatewayEvents(String region) {
        this.region = region;
    }

    /** The event of a request's route; {@code authorizerContext} is null for public routes. */
    APIGatewayV2HTTPEvent httpEvent(IncomingRequest request, RouteMatch match, Map<String, Object> authorizerContext) {
        APIGatewayV2HTTPEvent.RequestContext.Http http = new APIGatewayV2HTTPEvent.RequestContext.Http();
        http.setMethod(request.method());
        http.setPath(request.rawPath());
        http.setProtocol(request.protocol());
        http.setSourceIp(request.sourceIp());
        http.setUserAgent(request.header("user-agent"));

        APIGatewayV2HTTPEvent.RequestContext context = new APIGatewayV2HTTPEvent.RequestContext();
        context.setAccountId(LocalResourceNames.ACCOUNT_ID);
        context.setApiId(API_ID);
        context.setDomainName(domainName(request));
        context.setDomainPrefix(domainPrefix(request));
        context.setHttp(http);
        context.setRequestId(request.requestId());
        context.setRouteKey(match.route().routeKey());
        context.setStage(STAGE);
        context.setTime(REQUEST_TIME.format(request.receivedAt()));
        context.setTimeEpoch(request.receivedAt().toEpochMilli());
        if (authorizerContext != null) {
            APIGatewayV2HTTPEvent.RequestContext.Authorizer authorizer =
                    new APIGatewayV2HTTPEvent.RequestContext.Authorizer();
            authorizer.setLambda(authorizerContext);
            context.setAuthorizer(authorizer);
        }

        APIGatewayV2HTTPEvent event = new APIGatewayV2HTTPEvent();
        event.setVersion("2.0");
        event.setRouteKey(match.route().routeKey());
        event.setRawPath(request.rawPath());
        event.setRawQueryString(request.rawQueryString());
        event.setCookies(cookies(request));
        event.setHeaders(headers(request));
        event.setQueryStringParameters(queryStringParameters(request.rawQueryString()));
        event.setPathParameters(match.pathParameters().isEmpty() ? null : match.pathParameters());
        event.setRequestContext(context);
        if (request.body().length > 0) {
            boolean text = isText(request.header("content-type"));
            event.setBody(text ? request.bodyText() : Base64.getEncoder().encodeToString(request.body()));
            event.setIsBase64Encoded(!text);
        }
        return event;
    }

    /** The event of the Lambda REQUEST authorizer (simple responses), sent before a guarded route runs. */
    APIGatewayV2CustomAuthorizerEvent authorizerEvent(IncomingRequest request, RouteMatch match) {
        APIGatewayV2CustomAuthorizerEvent.Http http = new APIGatewayV2CustomAuthorizerEvent.Http();
        http.setMethod(request.method());
        http.setPath(request.rawPath());
        http.setProtocol(request.protocol());
        http.setSourceIp(request.sourceIp());
        http.setUserAgent(request.header("user-agent"));

        APIGatewayV2CustomAuthorizerEvent.RequestContext context = new APIGatewayV2CustomAuthorizerEvent.RequestContext();
        context.setAccountId(LocalResourceNames.ACCOUNT_ID);
        context.setApiId(API_ID);
        context.setDomainName(domainName(request));
        context.setDomainPrefix(domainPrefix(request));
        context.setHttp(http);
        context.setRequestId(request.requestId());
        context.setRouteKey(match.route().routeKey());
        context.setStage(STAGE);
        context.setTime(REQUEST_TIME.format(request.receivedAt()));
        context.setTimeEpoch(request.receivedAt().toEpochMilli());

        APIGatewayV2CustomAuthorizerEvent event = new APIGatewayV2CustomAuthorizerEvent();
        event.setVersion("2.0");
        event.setType("REQUEST");
        event.setRouteArn("arn:aws:execute-api:" + region + ":" + LocalResourceNames.ACCOUNT_ID + ":" + API_ID + "/"
                + STAGE + "/" + request.method() + request.rawPath());
        // No identity source is configured (the authorizer reads the header itself and nothing is cached).
        event.setIdentitySource(null);
        event.setRouteKey(match.route().routeKey());
        event.setRawPath(request.rawPath());
        event.setRawQueryString(request.rawQueryString());
        event.setCookies(cookies(request));
        event.setHeaders(headers(request));
        event.setQueryStringParameters(queryStringParameters(request.rawQueryString()));
        event.setPathParameters(match.pathParameters().isEmpty() ? null : match.pathParameters());
        event.setRequestContext(context);
        return event;
    }

    /** The HTTP response API Gateway makes of a handler's answer. */
    static GatewayResponse response(APIGatewayV2HTTPResponse response) {
        Map<String, List<String>> headers = new TreeMap<>(String.CASE_INSENSITIVE_ORDER);
        if (response.getHeaders() != null) {
            response.getHeaders().forEach((name, value) -> add(headers, name, value));
        }
        if (response.getMultiValueHeaders() != null) {
            response.getMultiValueHeaders().forEach((name, values) -> values.forEach(v -> add(headers, name, v)));
        }
        if (response.getCookies() != null) {
            response.getCookies().forEach(cookie -> add(headers, "set-cookie", cookie));
        }
        String body = response.getBody();
        byte[] bytes = body == null ? new byte[0]
                : response.getIsBase64Encoded() ? Base64.getDecoder().decode(body)
                : body.getBytes(StandardCharsets.UTF_8);
        return new GatewayResponse(response.getStatusCode(), headers, bytes);
    }

    private static void add(Map<String, List<String>> headers, String name, String value) {
        headers.computeIfAbsent(name, n -> new ArrayList<>()).add(value);
    }

    // Payload 2.0 moves cookies out of the headers into their own list.
    private static Map<String, String> headers(IncomingRequest request) {
        Map<String, String> headers = new LinkedHashMap<>();
        request.headers().keySet().stream()
                .filter(name -> !name.equals("cookie"))
                .forEach(name -> headers.put(name, request.header(name)));
        return headers;
    }

    private static List<String> cookies(IncomingRequest request) {
        List<String> cookies = request.headers().getOrDefault("cookie", List.of()).stream()
                .flatMap(header -> Arrays.stream(header.split(";")))
                .map(String::trim)
                .filter(cookie -> !cookie.isEmpty())
                .toList();
        return cookies.isEmpty() ? null : cookies;
    }

    /** Decoded parameters; a repeated name gets its values joined by commas, as payload 2.0 does. */
    static Map<String, String> queryStringParameters(String rawQueryString) {
        if (rawQueryString == null || rawQueryString.isEmpty()) {
            return null;
        }
        Map<String, String> parameters = new LinkedHashMap<>();
        for (String pair : rawQueryString.split("&")) {
            if (pair.isEmpty()) {
                continue;
            }
            int equals = pair.indexOf('=');
            String name = decode(equals < 0 ? pair : pair.substring(0, equals));
            String value = equals < 0 ? "" : decode(pair.substring(equals + 1));
            parameters.merge(name, value, (first, second) -> first + "," + second);
        }
        return parameters.isEmpty() ? null : parameters;
    }

    /** A malformed escape ({@code %zz}) is passed on as written: the function then refuses the value, not the gateway. */
    private static String decode(String component) {
        try {
            return URLDecoder.decode(component, StandardCharsets.UTF_8);
        } catch (IllegalArgumentException malformed) {
            return component;
        }
    }

    /**
     * Whether API Gateway passes the body as text; anything else arrives base64-encoded with
     * {@code isBase64Encoded: true}, as does a body without a content type.
     */
    static boolean isText(String contentType) {
        if (contentType == null) {
            return false;
        }
        String type = contentType.split(";", 2)[0].trim().toLowerCase(Locale.ROOT);
        return type.startsWith("text/")
                || type.endsWith("/json") || type.endsWith("+json")
                || type.endsWith("/xml") || type.endsWith("+xml")
                || type.equals("application/x-www-form-urlencoded")
                || type.equals("application/javascript")
                || type.equals("application/yaml");
    }

    // API Gateway reports the host the client asked for; locally that includes the port.
    private static String domainName(IncomingRequest request) {
        String host = request.header("host");
        return host == null ? "127.0.0.1" : host;
    }

    private static String domainPrefix(IncomingRequest request) {
        return domainName(request).split("\\.", 2)[0];
    }
}
