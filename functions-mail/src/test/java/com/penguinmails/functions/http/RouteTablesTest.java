package com.penguinmails.functions.http;

import static org.assertj.core.api.Assertions.assertThat;

import com.penguinmails.catalog.FunctionCatalog;
import com.penguinmails.catalog.FunctionSpec;
import com.penguinmails.catalog.HttpRoute;
import java.lang.reflect.Field;
import java.lang.reflect.Modifier;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/**
 * Every handler's route table ({@link Routes}, its {@code static final ROUTES}) binds exactly the routes the catalog
 * gives its function: a catalog route without a handler method would answer 404 in AWS, a method for a route the
 * catalog lacks is dead code API Gateway never calls. Read statically: no handler is started.
 */
class RouteTablesTest {

    @Test
    void everyHandlersTableBindsExactlyItsFunctionsCatalogRoutes() {
        assertThat(mismatches(FunctionCatalog.load())).isEmpty();
    }

    @Test
    void aMissingOrAnExtraRouteIsReported() {
        Routes<Object> table = Routes.of(Map.entry("GET /v1/things", (handler, request) -> null),
                Map.entry("DELETE /v1/things/{id}", (handler, request) -> null));

        assertThat(compare("things-api", Set.of("GET /v1/things", "POST /v1/things"), table.routeKeys())).containsExactly(
                "things-api: catalog route POST /v1/things has no handler method",
                "things-api: handler serves DELETE /v1/things/{id}, which the catalog does not route to it");
    }

    /** What is wrong between the catalog and the handlers' tables, one line each; empty when they agree. */
    static List<String> mismatches(FunctionCatalog catalog) {
        List<String> problems = new ArrayList<>();
        for (FunctionSpec function : catalog.functions()) {
            Set<String> catalogRoutes = function.trigger().httpRoutes().stream().map(HttpRoute::routeKey).collect(Collectors.toSet());
            Class<?> handler;
            try {
                handler = Class.forName(function.handler());
            } catch (ClassNotFoundException e) {
                problems.add(function.name() + ": no handler class " + function.handler());
                continue;
            }
            boolean http = HttpApiHandler.class.isAssignableFrom(handler);
            if (!http) {
                if (!catalogRoutes.isEmpty()) {
                    problems.add(function.name() + ": has HTTP routes but " + handler.getSimpleName() + " is no HttpApiHandler");
                }
                continue;
            }
            Routes<?> table = table(handler);
            if (table == null) {
                problems.add(function.name() + ": " + handler.getSimpleName() + " has no public static final Routes ROUTES");
                continue;
            }
            problems.addAll(compare(function.name(), catalogRoutes, table.routeKeys()));
        }
        return problems;
    }

    static List<String> compare(String function, Set<String> catalogRoutes, Set<String> tableRoutes) {
        List<String> problems = new ArrayList<>();
        for (String route : new TreeSet<>(catalogRoutes)) {
            if (!tableRoutes.contains(route)) {
                problems.add(function + ": catalog route " + route + " has no handler method");
            }
        }
        for (String route : new TreeSet<>(tableRoutes)) {
            if (!catalogRoutes.contains(route)) {
                problems.add(function + ": handler serves " + route + ", which the catalog does not route to it");
            }
        }
        return problems;
    }

    private static Routes<?> table(Class<?> handler) {
        try {
            Field field = handler.getDeclaredField("ROUTES");
            int modifiers = field.getModifiers();
            if (!Modifier.isStatic(modifiers) || !Modifier.isFinal(modifiers) || !Modifier.isPublic(modifiers)
                    || !Routes.class.equals(field.getType())) {
                return null;
            }
            return (Routes<?>) field.get(null);
        } catch (NoSuchFieldException | IllegalAccessException e) {
            return null;
        }
    }
}
