package com.penguinmails.catalog;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * Every function, table and queue PenguinMails deploys, read from {@code penguinmails/catalog.yaml}.
 * The CDK stack and the local runtime are both built from this, so they cannot drift apart.
 */
public record FunctionCatalog(List<JarSpec> jars, List<TableSpec> tables, List<QueueSpec> queues, List<FunctionSpec> functions,
                              List<SubscriptionSpec> subscriptions) {

    public static final String RESOURCE = "penguinmails/catalog.yaml";

    public FunctionCatalog {
        jars = jars == null ? List.of() : List.copyOf(jars);
        tables = List.copyOf(tables);
        queues = List.copyOf(queues);
        functions = List.copyOf(functions);
        subscriptions = subscriptions == null ? List.of() : List.copyOf(subscriptions);
        validate(jars, tables, queues, functions);
        validateSubscriptions(queues, functions, subscriptions);
    }

    /** Loads the catalog shipped on the class path. */
    public static FunctionCatalog load() {
        try (InputStream in = FunctionCatalog.class.getClassLoader().getResourceAsStream(RESOURCE)) {
            if (in == null) {
                throw new IllegalStateException(RESOURCE + " is not on the class path");
            }
            return parse(in);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public static FunctionCatalog parse(InputStream yaml) throws IOException {
        ObjectMapper mapper = new ObjectMapper(new YAMLFactory())
                .enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES);
        return mapper.readValue(yaml, FunctionCatalog.class);
    }

    public FunctionSpec function(String name) {
        return functions.stream().filter(f -> f.name().equals(name)).findFirst()
                .orElseThrow(() -> new IllegalArgumentException("no function named " + name));
    }

    public TableSpec table(String name) {
        return tables.stream().filter(t -> t.name().equals(name)).findFirst()
                .orElseThrow(() -> new IllegalArgumentException("no table named " + name));
    }

    public QueueSpec queue(String name) {
        return queues.stream().filter(q -> q.name().equals(name)).findFirst()
                .orElseThrow(() -> new IllegalArgumentException("no queue named " + name));
    }

    /** The jar {@code jar} names: which module builds it, and where. */
    public JarSpec jar(FunctionJar jar) {
        return jars.stream().filter(j -> j.name().equals(jar)).findFirst()
                .orElseThrow(() -> new IllegalArgumentException("no jar named " + jar.name()));
    }

    /** The single authorizer function that guards every authenticated route, if any. */
    public Optional<FunctionSpec> authorizer() {
        return functions.stream().filter(f -> f.trigger().authorizer() != null).findFirst();
    }

    /** Every HTTP route with the function that serves it. */
    public List<BoundRoute> routes() {
        List<BoundRoute> routes = new ArrayList<>();
        for (FunctionSpec f : functions) {
            for (HttpRoute r : f.trigger().httpRoutes()) {
                routes.add(new BoundRoute(r, f));
            }
        }
        return routes;
    }

    /** The route a request maps to, matching path templates such as {@code /v1/api-keys/{id}}. */
    public Optional<RouteMatch> match(String method, String path) {
        for (BoundRoute bound : routes()) {
            Optional<java.util.Map<String, String>> params = bound.route().match(method, path);
            if (params.isPresent()) {
                return Optional.of(new RouteMatch(bound, params.get()));
            }
        }
        return Optional.empty();
    }

    private static void validate(List<JarSpec> jars, List<TableSpec> tables, List<QueueSpec> queues, List<FunctionSpec> functions) {
        Set<FunctionJar> jarNames = new HashSet<>();
        jars.forEach(j -> require(jarNames.add(j.name()), "jar " + j.name().name() + " is declared twice"));
        Set<String> tableNames = new HashSet<>();
        tables.forEach(t -> require(tableNames.add(t.name()), "table " + t.name() + " is declared twice"));
        Set<String> queueNames = new HashSet<>();
        queues.forEach(q -> require(queueNames.add(q.name()), "queue " + q.name() + " is declared twice"));
        Set<String> functionNames = new HashSet<>();
        Set<String> routeKeys = new HashSet<>();
        int authorizers = 0;
        for (FunctionSpec f : functions) {
            require(functionNames.add(f.name()), "function " + f.name() + " is declared twice");
            require(jarNames.contains(f.jar()), "function " + f.name() + " names undeclared jar " + f.jar().name()
                    + "; declared: " + jars.stream().map(j -> j.name().name()).toList());
            f.tables().forEach(t -> require(tableNames.contains(t.name()),
                    "function " + f.name() + " uses undeclared table " + t.name()));
            f.queues().forEach(q -> require(queueNames.contains(q.name()),
                    "function " + f.name() + " uses undeclared queue " + q.name()));
            if (f.trigger().sqs() != null) {
                require(queueNames.contains(f.trigger().sqs().queue()),
                        "function " + f.name() + " is triggered by undeclared queue " + f.trigger().sqs().queue());
            }
            for (HttpRoute r : f.trigger().httpRoutes()) {
                require(routeKeys.add(r.routeKey()), "route " + r.routeKey() + " is declared twice");
            }
            if (f.trigger().authorizer() != null) {
                authorizers++;
            }
        }
        require(authorizers <= 1, "at most one authorizer function may be declared");
    }

    /** The platform-event topic is made only when something publishes to it or subscribes to it. */
    public boolean usesEventTopic() {
        return !subscriptions.isEmpty() || functions.stream().anyMatch(FunctionSpec::publishesEvents);
    }

    private static void validateSubscriptions(List<QueueSpec> queues, List<FunctionSpec> functions,
                                              List<SubscriptionSpec> subscriptions) {
        Set<String> queueNames = new HashSet<>();
        queues.forEach(q -> queueNames.add(q.name()));
        Set<String> names = new HashSet<>();
        Set<String> subscribedQueues = new HashSet<>();
        for (SubscriptionSpec s : subscriptions) {
            require(names.add(s.name()), "subscription " + s.name() + " is declared twice");
            require(queueNames.contains(s.queue()), "subscription " + s.name() + " delivers to undeclared queue " + s.queue());
            // Two subscriptions into one queue would deliver an event matching both twice.
            require(subscribedQueues.add(s.queue()), "queue " + s.queue() + " is the target of two subscriptions");
        }
    }

    private static void require(boolean condition, String message) {
        if (!condition) {
            throw new IllegalArgumentException("catalog: " + message);
        }
    }

    public record BoundRoute(HttpRoute route, FunctionSpec function) {}

    public record RouteMatch(BoundRoute bound, java.util.Map<String, String> pathParameters) {
        public HttpRoute route() {
            return bound.route();
        }

        public FunctionSpec function() {
            return bound.function();
        }
    }
}
