package com.penguinmails.functions.http;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestHandler;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPEvent;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPResponse;
import com.penguinmails.core.CoreWiring;
import com.penguinmails.core.auth.Principal;
import com.penguinmails.core.platform.Ids;
import com.penguinmails.core.platform.Platform;
import com.penguinmails.core.problems.ApiProblem;
import com.penguinmails.core.ratelimit.RateLimiter;
import com.penguinmails.functions.observability.Observability;
import com.penguinmails.functions.snapstart.Priming;
import com.penguinmails.identity.apikeys.Authentication;
import com.penguinmails.identity.audit.AuditEvent;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.util.Base64;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * What every HTTP API function does before and after its own work: authentication outcome (401), scope (403),
 * per-key rate limit (429), body size (413) and content type (415), Idempotency-Key replay, and mapping every
 * failure to {@code application/problem+json}. Subclasses implement {@link #route} only, by serving the request
 * from their one route table ({@link Routes}).
 */
public abstract class HttpApiHandler implements RequestHandler<APIGatewayV2HTTPEvent, APIGatewayV2HTTPResponse> {

    public static final int MAX_BODY_BYTES = 256 * 1024;
    /** A path no catalog route has: the SnapStart priming request. */
    static final String PRIMING_PATH = "/_snapstart/priming";
    /** Whose GET routes priming calls: a workspace id no workspace can have (ours are ws_ + base62). */
    private static final Principal PRIMING_PRINCIPAL = new Principal("ws_snapstart-priming", "key_snapstart-priming",
            "apikey:snapstart-priming", List.of("full"), 1);
    private static final Pattern PATH_PARAMETER = Pattern.compile("\\{(\\w+)}");
    private static final Logger LOG = LoggerFactory.getLogger(HttpApiHandler.class);

    private final RouteScopes routeScopes;
    private final RateLimiter rateLimiter;
    private final Idempotency idempotency;
    private final AuditQueue auditQueue;
    private final Clock clock;
    private final Priming priming;

    protected HttpApiHandler(Platform platform) {
        this.routeScopes = RouteScopes.from(platform);
        this.rateLimiter = CoreWiring.rateLimiter(platform);
        this.idempotency = new Idempotency(CoreWiring.idempotentRequests(platform));
        this.auditQueue = new AuditQueue(platform);
        this.clock = platform.clock();
        this.priming = Priming.register(getClass().getSimpleName(), this::prime);
    }

    /** What runs before the SnapStart snapshot (see {@link Priming}); tests call it through {@link #priming()}. */
    public final Priming priming() {
        return priming;
    }

    /**
     * A request no route matches, answered 404 without authentication, storage or an audit event, which loads the
     * request path, problem mapping and JSON; a rate-limit read that writes nothing, which makes the DynamoDB
     * client's first call (endpoint rules, signing, HTTP); then each of this function's GET routes for a workspace
     * that cannot exist (empty lists and 404s), which loads the routes' own reads and views. No Lambda context, so
     * Powertools does not count it as the cold start. PrimingTest checks that no function writes anything.
     */
    private void prime() {
        APIGatewayV2HTTPEvent.RequestContext.Http http = new APIGatewayV2HTTPEvent.RequestContext.Http();
        http.setMethod("GET");
        http.setPath(PRIMING_PATH);
        http.setSourceIp("127.0.0.1");
        APIGatewayV2HTTPEvent.RequestContext requestContext = new APIGatewayV2HTTPEvent.RequestContext();
        requestContext.setRequestId("snapstart-priming");
        requestContext.setHttp(http);
        APIGatewayV2HTTPEvent unrouted = new APIGatewayV2HTTPEvent();
        unrouted.setRouteKey("GET " + PRIMING_PATH);
        unrouted.setRawPath(PRIMING_PATH);
        unrouted.setHeaders(Map.of("accept", "application/json"));
        unrouted.setRequestContext(requestContext);
        APIGatewayV2HTTPResponse response = handleRequest(unrouted, null);
        if (response.getStatusCode() != 404) {
            throw new IllegalStateException("the priming request answered " + response.getStatusCode() + ", not 404");
        }
        rateLimiter.warmUp();
        for (String routeKey : routeScopes.routeKeys()) {
            if (routeKey.startsWith("GET ")) {
                primeRoute(routeKey);
            }
        }
    }

    private void primeRoute(String routeKey) {
        String template = routeKey.substring("GET ".length());
        Map<String, String> pathParameters = new HashMap<>();
        Matcher parameter = PATH_PARAMETER.matcher(template);
        while (parameter.find()) {
            pathParameters.put(parameter.group(1), PathShapes.of(routeKey, parameter.group(1)).example());
        }
        Principal principal = RouteScopes.PUBLIC.equals(routeScopes.scopeFor(routeKey).orElseThrow()) ? null : PRIMING_PRINCIPAL;
        ApiRequest request = new ApiRequest(routeKey, "GET", PATH_PARAMETER.matcher(template).replaceAll("snapstart-priming"),
                pathParameters, Map.of(), Map.of(), null, principal, "127.0.0.1", "snapstart-priming");
        safely(request, request.path(), request.requestId());
    }

    /** Serves one request whose route this function owns; throw {@link ApiProblem} for anything the caller can fix. */
    protected abstract ApiResponse route(ApiRequest request);

    @Override
    public final APIGatewayV2HTTPResponse handleRequest(APIGatewayV2HTTPEvent event, Context context) {
        Map<String, String> headers = lowerCase(event.getHeaders());
        String requestId = event.getRequestContext() != null && event.getRequestContext().getRequestId() != null
                ? event.getRequestContext().getRequestId() : Ids.newId("req");
        String correlationId = headers.getOrDefault("x-correlation-id", requestId);
        ApiResponse response = Observability.withRequest(context, correlationId, () -> process(event, headers, requestId, correlationId));
        return APIGatewayV2HTTPResponse.builder()
                .withStatusCode(response.status())
                .withHeaders(withCorrelation(response.headers(), correlationId))
                .withBody(response.body())
                .withIsBase64Encoded(response.base64Encoded())
                .build();
    }

    private ApiResponse process(APIGatewayV2HTTPEvent event, Map<String, String> headers, String requestId, String correlationId) {
        String path = event.getRawPath();
        try {
            String routeKey = event.getRouteKey();
            String scope = routeScopes.scopeFor(routeKey)
                    .orElseThrow(() -> new ApiProblem(404, "route-not-found", "Not Found", "No route for " + routeKey + "."));
            String sourceIp = sourceIp(event);
            Principal principal = RouteScopes.PUBLIC.equals(scope) ? null
                    : authorize(event, scope, routeKey, sourceIp, correlationId);
            String body = body(event);
            checkBody(body, headers, method(event), routeKey);
            ApiRequest request = new ApiRequest(routeKey, method(event), path, event.getPathParameters(),
                    event.getQueryStringParameters(), headers, body, principal, sourceIp, requestId);
            String idempotencyKey = headers.get("idempotency-key");
            if ("POST".equals(request.method()) && idempotencyKey != null && principal != null) {
                return idempotency.run(request, idempotencyKey, () -> safely(request, path, requestId));
            }
            return route(request);
        } catch (ApiProblem problem) {
            return ProblemResponses.of(problem, path, requestId);
        } catch (RuntimeException e) {
            if (StoreOutages.isOutage(e)) {
                LOG.warn("request {} {}: a store did not answer, answering 503", event.getRouteKey(), requestId, e);
                return ProblemResponses.of(StoreOutages.problem(), path, requestId);
            }
            LOG.error("request {} {} failed", event.getRouteKey(), requestId, e);
            return ProblemResponses.of(ProblemResponses.internal(requestId), path, requestId);
        }
    }

    private ApiResponse safely(ApiRequest request, String path, String requestId) {
        try {
            return route(request);
        } catch (ApiProblem problem) {
            return ProblemResponses.of(problem, path, requestId);
        }
    }

    private Principal authorize(APIGatewayV2HTTPEvent event, String scope, String routeKey, String sourceIp, String correlationId) {
        Map<String, Object> context = event.getRequestContext() == null || event.getRequestContext().getAuthorizer() == null
                ? null : event.getRequestContext().getAuthorizer().getLambda();
        if (AuthorizerContext.storeUnavailable(context)) {
            // Not a failed authentication: the key could not be looked up, so nothing is audited and the caller retries.
            throw StoreOutages.problem();
        }
        Authentication authentication = AuthorizerContext.fromContext(context);
        if (!authentication.succeeded()) {
            auditFailure(authentication.workspaceId(), authentication.keyId() == null ? "anonymous" : "apikey:" + authentication.keyId(),
                    "auth.failed", routeKey, sourceIp, authentication.failure().name().toLowerCase(Locale.ROOT), correlationId);
            throw ApiProblem.unauthenticated(authentication.failure().detail());
        }
        Principal principal = authentication.principal();
        if (!principal.allows(scope)) {
            auditFailure(principal.workspaceId(), principal.actor(), "auth.forbidden", routeKey, sourceIp, "missing-scope:" + scope, correlationId);
            throw new ApiProblem(403, "insufficient-scope", "Forbidden",
                    "This API key lacks the scope '" + scope + "' that " + routeKey + " needs.", Map.of("requiredScope", scope), Map.of());
        }
        if (!rateLimiter.tryAcquire(principal.keyId(), principal.rateLimitPerSecond())) {
            throw new ApiProblem(429, "rate-limited", "Too Many Requests",
                    "This API key is limited to " + principal.rateLimitPerSecond() + " requests per second. Retry after the time in Retry-After.",
                    Map.of(), Map.of("Retry-After", "1"));
        }
        return principal;
    }

    private void auditFailure(String workspaceId, String actor, String action, String target, String sourceIp,
                              String outcome, String correlationId) {
        auditQueue.send(new AuditEvent(Ids.newId("evt"), workspaceId == null ? AuditEvent.UNATTRIBUTED : workspaceId,
                clock.instant(), actor, action, target, sourceIp, outcome, Map.of()), correlationId);
    }

    /**
     * Whether a request body of this content type is accepted on this route: JSON by default. Routes that take
     * CSV or HTML form posts (the RFC 8058 one-click unsubscribe) say so by overriding this.
     */
    protected boolean acceptsContentType(String routeKey, String contentType) {
        return contentType != null && contentType.toLowerCase(Locale.ROOT).matches("application/([a-z.+-]*\\+)?json\\s*(;.*)?");
    }

    private void checkBody(String body, Map<String, String> headers, String method, String routeKey) {
        if (body == null || body.isEmpty()) {
            return;
        }
        if (body.getBytes(StandardCharsets.UTF_8).length > MAX_BODY_BYTES) {
            throw new ApiProblem(413, "payload-too-large", "Content Too Large", "Request bodies are limited to 256 KB.");
        }
        String contentType = headers.get("content-type");
        if (("POST".equals(method) || "PUT".equals(method) || "PATCH".equals(method)) && !acceptsContentType(routeKey, contentType)) {
            throw new ApiProblem(415, "unsupported-media-type", "Unsupported Media Type",
                    "Send the body as JSON with 'Content-Type: application/json'" + (contentType == null ? "." : ", not " + contentType + "."));
        }
    }

    private static String body(APIGatewayV2HTTPEvent event) {
        if (event.getBody() == null) {
            return null;
        }
        return event.getIsBase64Encoded()
                ? new String(Base64.getDecoder().decode(event.getBody()), StandardCharsets.UTF_8)
                : event.getBody();
    }

    private static String method(APIGatewayV2HTTPEvent event) {
        return event.getRouteKey().substring(0, event.getRouteKey().indexOf(' '));
    }

    private static String sourceIp(APIGatewayV2HTTPEvent event) {
        return event.getRequestContext() == null || event.getRequestContext().getHttp() == null
                ? null : event.getRequestContext().getHttp().getSourceIp();
    }

    private static Map<String, String> lowerCase(Map<String, String> headers) {
        Map<String, String> lower = new HashMap<>();
        if (headers != null) {
            headers.forEach((k, v) -> lower.put(k.toLowerCase(Locale.ROOT), v));
        }
        return lower;
    }

    private static Map<String, String> withCorrelation(Map<String, String> headers, String correlationId) {
        Map<String, String> copy = new HashMap<>(headers);
        copy.put("X-Correlation-Id", correlationId);
        return copy;
    }
}
