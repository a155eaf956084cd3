package com.penguinmails.local;

import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPResponse;
import com.amazonaws.services.lambda.runtime.events.SimpleIAMPolicyResponse;
import com.penguinmails.catalog.FunctionCatalog.RouteMatch;
import com.penguinmails.catalog.FunctionCatalog;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.time.Clock;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The local API Gateway HTTP API on 127.0.0.1: matches catalog routes, runs the Lambda authorizer for guarded
 * ones, invokes the route's function with a payload 2.0 event and turns its answer back into HTTP. Errors look
 * as API Gateway makes them look. Local control endpoints ({@link LocalRoutes}) are served by the same server.
 */
final class HttpGateway implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(HttpGateway.class);
    /** API Gateway's payload limit; larger requests never reach a function. */
    static final int MAX_BODY_BYTES = 10 * 1024 * 1024;
    private static final int THREADS = 32;

    private final FunctionCatalog catalog;
    private final LocalFunctions functions;
    private final LocalRoutes localRoutes;
    private final ApiGatewayEvents events;
    private final Clock clock;
    private final ExecutorService executor;
    private HttpServer server;

    HttpGateway(FunctionCatalog catalog, LocalFunctions functions, LocalRoutes localRoutes, ApiGatewayEvents events,
                Clock clock) {
        this.catalog = catalog;
        this.functions = functions;
        this.localRoutes = localRoutes;
        this.events = events;
        this.clock = clock;
        this.executor = Executors.newFixedThreadPool(THREADS, daemonThreads());
        boolean guardedRoutes = catalog.routes().stream().anyMatch(r -> !r.route().isPublic());
        if (guardedRoutes && functions.authorizer().isEmpty()) {
            throw new IllegalStateException("the catalog has routes that need an API key but no authorizer function");
        }
    }

    /** Listens on 127.0.0.1 only: a local run prints its operator key and must not be reachable from elsewhere. */
    void start(int port) {
        try {
            server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), port), 128);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot listen on 127.0.0.1:" + port + " (" + e.getMessage()
                    + "); choose another with --port or PM_PORT", e);
        }
        server.setExecutor(executor);
        server.createContext("/", this::handle);
        server.start();
    }

    int port() {
        return server.getAddress().getPort();
    }

    private void handle(HttpExchange exchange) {
        long started = System.nanoTime();
        String requestId = UUID.randomUUID().toString(); // an id, as API Gateway makes one: random, never pinned
        GatewayResponse response;
        try {
            response = respond(exchange, requestId);
        } catch (Exception | Error e) {
            LOG.error("{} {} failed", exchange.getRequestMethod(), exchange.getRequestURI(), e);
            response = GatewayResponse.apiGatewayError(500, "Internal Server Error");
        }
        try (exchange) {
            write(exchange, response, requestId);
        } catch (IOException e) {
            LOG.debug("client left before the response to {} was written", exchange.getRequestURI(), e);
        }
        LOG.info("{} {} -> {} in {} ms", exchange.getRequestMethod(), exchange.getRequestURI().getRawPath(),
                response.status(), TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - started));
    }

    private GatewayResponse respond(HttpExchange exchange, String requestId) throws Exception {
        Optional<byte[]> body = readBody(exchange);
        if (body.isEmpty()) {
            return GatewayResponse.apiGatewayError(413, "Request Entity Too Large");
        }
        IncomingRequest request = new IncomingRequest(requestId, clock.instant(),
                exchange.getRequestMethod().toUpperCase(Locale.ROOT),
                exchange.getRequestURI().getRawPath(),
                Optional.ofNullable(exchange.getRequestURI().getRawQuery()).orElse(""),
                lowerCaseHeaders(exchange), body.get(),
                exchange.getRemoteAddress().getAddress().getHostAddress(), exchange.getProtocol());

        Optional<LocalRoutes.Invocation> local = localRoutes.match(request);
        if (local.isPresent()) {
            return local.get().run(request);
        }
        Optional<RouteMatch> route = catalog.match(request.method(), request.rawPath());
        if (route.isPresent()) {
            return proxy(request, route.get());
        }
        return GatewayResponse.problem(404, "route-not-found", "Not Found", "No route for " + request.describe());
    }

    private GatewayResponse proxy(IncomingRequest request, RouteMatch match) {
        Map<String, Object> authorizerContext = null;
        if (!match.route().isPublic()) {
            LocalFunction authorizer = functions.authorizer().orElseThrow();
            SimpleIAMPolicyResponse decision;
            try {
                decision = authorizer.invoke(events.authorizerEvent(request, match));
            } catch (RuntimeException | Error e) {
                LOG.error("authorizer {} threw on {}", authorizer.name(), request.describe(), e);
                return GatewayResponse.apiGatewayError(500, "Internal Server Error");
            }
            if (decision == null || !decision.getIsAuthorized()) {
                return GatewayResponse.apiGatewayError(403, "Forbidden");
            }
            authorizerContext = decision.getContext() == null ? Map.of() : new LinkedHashMap<>(decision.getContext());
        }

        LocalFunction function = functions.get(match.function().name());
        APIGatewayV2HTTPResponse response;
        try {
            response = function.invoke(events.httpEvent(request, match, authorizerContext));
        } catch (LocalFunction.TimedOut e) {
            // Lambda reports a timed-out invocation as a function error, which an HTTP API answers like any other.
            LOG.error("{} on {}", e.getMessage(), request.describe());
            return GatewayResponse.apiGatewayError(500, "Internal Server Error");
        } catch (RuntimeException | Error e) {
            // As in Lambda, whatever an invocation throws (a LinkageError too) fails that invocation, not the runtime.
            LOG.error("{} threw on {}", function.name(), request.describe(), e);
            return GatewayResponse.apiGatewayError(500, "Internal Server Error");
        }
        if (response == null || response.getStatusCode() < 100 || response.getStatusCode() > 599) {
            LOG.error("{} answered {} with no valid status code", function.name(), request.describe());
            return GatewayResponse.apiGatewayError(500, "Internal Server Error");
        }
        return ApiGatewayEvents.response(response);
    }

    /**
     * The body, or empty if it is larger than API Gateway accepts. An oversized body is still read to its end:
     * closing a connection with unread data resets it, and the client would never see the 413.
     */
    private static Optional<byte[]> readBody(HttpExchange exchange) throws IOException {
        try (InputStream in = exchange.getRequestBody()) {
            byte[] body = in.readNBytes(MAX_BODY_BYTES + 1);
            if (body.length > MAX_BODY_BYTES) {
                in.transferTo(OutputStream.nullOutputStream());
                return Optional.empty();
            }
            return Optional.of(body);
        }
    }

    private static Map<String, List<String>> lowerCaseHeaders(HttpExchange exchange) {
        Map<String, List<String>> headers = new LinkedHashMap<>();
        exchange.getRequestHeaders().forEach((name, values) -> headers
                .computeIfAbsent(name.toLowerCase(Locale.ROOT), n -> new ArrayList<>()).addAll(values));
        return headers;
    }

    private static void write(HttpExchange exchange, GatewayResponse response, String requestId) throws IOException {
        response.headers().forEach((name, values) -> exchange.getResponseHeaders().put(name, values));
        exchange.getResponseHeaders().set("apigw-requestid", requestId);
        byte[] body = response.body();
        boolean bodyAllowed = body.length > 0 && !"HEAD".equalsIgnoreCase(exchange.getRequestMethod())
                && response.status() != 204 && response.status() != 304;
        exchange.sendResponseHeaders(response.status(), bodyAllowed ? body.length : -1);
        if (bodyAllowed) {
            try (OutputStream out = exchange.getResponseBody()) {
                out.write(body);
            }
        }
    }

    @Override
    public void close() {
        if (server != null) {
            server.stop(1);
        }
        executor.shutdown();
        try {
            executor.awaitTermination(5, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private static java.util.concurrent.ThreadFactory daemonThreads() {
        AtomicInteger count = new AtomicInteger();
        return r -> {
            Thread thread = new Thread(r, "pm-local-http-" + count.incrementAndGet());
            thread.setDaemon(true);
            return thread;
        };
    }
}
