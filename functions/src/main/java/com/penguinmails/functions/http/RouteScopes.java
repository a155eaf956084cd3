package com.penguinmails.functions.http;

import com.penguinmails.catalog.FunctionSpec;
import com.penguinmails.core.platform.Platform;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * The scope each route of this function needs, from {@code PM_ROUTE_SCOPES}, which CDK and the local runtime
 * both fill from the catalog. {@link #PUBLIC} marks a route with no API key.
 */
final class RouteScopes {

    static final String PUBLIC = "-";

    private final Map<String, String> scopeByRouteKey;

    private RouteScopes(Map<String, String> scopeByRouteKey) {
        this.scopeByRouteKey = Map.copyOf(scopeByRouteKey);
    }

    static RouteScopes from(Platform platform) {
        Map<String, String> scopes = new HashMap<>();
        for (String entry : platform.required(FunctionSpec.ROUTE_SCOPES_VARIABLE).split(";")) {
            int equals = entry.lastIndexOf('=');
            scopes.put(entry.substring(0, equals), entry.substring(equals + 1));
        }
        return new RouteScopes(scopes);
    }

    /** Every route key this function serves, e.g. {@code GET /v1/api-keys/{id}}. */
    Set<String> routeKeys() {
        return scopeByRouteKey.keySet();
    }

    /** The scope for a route key; empty when this function does not serve the route. */
    Optional<String> scopeFor(String routeKey) {
        return Optional.ofNullable(scopeByRouteKey.get(routeKey));
    }
}
