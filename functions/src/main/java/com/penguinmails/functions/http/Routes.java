package com.penguinmails.functions.http;

import com.penguinmails.core.problems.ApiProblem;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;

/**
 * The one table of a handler's routes: each catalog route key ({@code POST /v1/api-keys/{id}/rotate}) bound to the
 * handler method that serves it. Each handler keeps its table in a {@code static final ROUTES} field, built once per
 * class, so that RouteTablesTest can hold every table to the catalog without starting a handler.
 *
 * @param <H> the handler whose methods serve the routes
 */
public final class Routes<H> {

    /** Serves one route on the handler that owns it (an unbound method reference: {@code ApiKeysHandler::create}). */
    @FunctionalInterface
    public interface Route<H> {
        ApiResponse serve(H handler, ApiRequest request);
    }

    private final Map<String, Route<H>> byRouteKey;

    private Routes(Map<String, Route<H>> byRouteKey) {
        this.byRouteKey = byRouteKey;
    }

    /** A route key may appear once; the order is the table's, for reading. */
    @SafeVarargs
    public static <H> Routes<H> of(Map.Entry<String, Route<H>>... routes) {
        Map<String, Route<H>> byRouteKey = new LinkedHashMap<>();
        for (Map.Entry<String, Route<H>> route : routes) {
            if (byRouteKey.put(route.getKey(), route.getValue()) != null) {
                throw new IllegalArgumentException("route " + route.getKey() + " is bound twice");
            }
        }
        return new Routes<>(Map.copyOf(byRouteKey));
    }

    /** Every route key the table binds. */
    public Set<String> routeKeys() {
        return byRouteKey.keySet();
    }

    /** Serves {@code request} with the method its route key is bound to; a route the table lacks is a 404. */
    public ApiResponse serve(H handler, ApiRequest request) {
        Route<H> route = byRouteKey.get(request.routeKey());
        if (route == null) {
            throw ApiProblem.notFound("No route " + request.routeKey() + ".");
        }
        return route.serve(handler, request);
    }
}
