package com.penguinmails.local;

import com.penguinmails.catalog.HttpRoute;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * The local runtime's own endpoints ({@code /_local/...}), which have no place in AWS: a method, a path
 * template with {@code {parameters}} matched like API Gateway's, and a handler. Checked before catalog routes.
 */
final class LocalRoutes {

    /** Answers one local request. Thrown exceptions become a 500 problem. */
    @FunctionalInterface
    interface Handler {
        GatewayResponse handle(IncomingRequest request, Map<String, String> pathParameters) throws Exception;
    }

    private record Route(HttpRoute template, Handler handler) {}

    private final List<Route> routes = new CopyOnWriteArrayList<>();

    /** Adds an endpoint, e.g. {@code add("POST", "/_local/schedules/{name}/run", handler)}. */
    LocalRoutes add(String method, String pathTemplate, Handler handler) {
        // The catalog's route type gives the same template matching; "none" marks it as needing no API key.
        routes.add(new Route(new HttpRoute(method, pathTemplate, null, "none"), handler));
        return this;
    }

    /** The matching endpoint bound to the request's path parameters, if any. */
    Optional<Invocation> match(IncomingRequest request) {
        for (Route route : routes) {
            Optional<Map<String, String>> parameters = route.template().match(request.method(), request.rawPath());
            if (parameters.isPresent()) {
                return Optional.of(new Invocation(route.handler(), parameters.get()));
            }
        }
        return Optional.empty();
    }

    record Invocation(Handler handler, Map<String, String> pathParameters) {
        GatewayResponse run(IncomingRequest request) throws Exception {
            return handler.handle(request, pathParameters);
        }
    }
}
