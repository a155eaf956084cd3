package com.penguinmails.catalog;

import java.util.List;
import java.util.Map;

/**
 * One deployable function: its handler class, what triggers it, and the only tables and queues it may touch
 * (CDK grants exactly these; the local runtime hands it exactly these names), and the jar it is deployed with.
 */
public record FunctionSpec(String name, String description, String handler, FunctionJar jar, Integer memoryMb, Integer timeoutSeconds,
                           Trigger trigger, List<ResourceGrant> tables, List<ResourceGrant> queues,
                           Map<String, String> environment, List<StackSecret> secrets, EventAccess events) {

    public FunctionSpec {
        memoryMb = memoryMb == null ? 1024 : memoryMb;
        timeoutSeconds = timeoutSeconds == null ? 15 : timeoutSeconds;
        tables = tables == null ? List.of() : List.copyOf(tables);
        queues = queues == null ? List.of() : List.copyOf(queues);
        environment = environment == null ? Map.of() : Map.copyOf(environment);
        secrets = secrets == null ? List.of() : List.copyOf(secrets);
        if (trigger == null) {
            throw new IllegalArgumentException("catalog: function " + name + " has no trigger");
        }
        if (jar == null) {
            throw new IllegalArgumentException("catalog: function " + name + " names no jar (one of the catalog's jars:)");
        }
    }

    /** {@code events: publish}: the function publishes platform events (gets the topic and {@code sns:Publish}). */
    public boolean publishesEvents() {
        return events == EventAccess.PUBLISH;
    }

    /** What a function may do with the platform-event topic; consumers read their queue instead. */
    public enum EventAccess {
        PUBLISH;

        @com.fasterxml.jackson.annotation.JsonCreator
        public static EventAccess fromCatalog(String value) {
            return CatalogValues.parse(EventAccess.class, "events access", value);
        }
    }

    /**
     * Variable telling an HTTP function the scope each of its routes needs, e.g.
     * {@code GET /v1/api-keys=api-keys:read;POST /v1/api-keys=api-keys:manage} ({@code -} for a public route).
     * Carried in the environment so a function learns it without parsing this catalog at cold start.
     */
    public static final String ROUTE_SCOPES_VARIABLE = "PM_ROUTE_SCOPES";

    /**
     * Variable telling a function its own timeout in seconds, so its SDK calls can give up in time to answer
     * (an HTTP function a 503) before Lambda stops it.
     */
    public static final String TIMEOUT_VARIABLE = "PM_FUNCTION_TIMEOUT_SECONDS";

    /** Variable naming the platform-event topic (an SNS topic ARN); only functions marked {@code events: publish} get it. */
    public static final String EVENT_TOPIC_VARIABLE = "PM_EVENT_TOPIC_ARN";

    /**
     * The environment the function runs with: its own variables plus one variable per table and queue it uses,
     * named by {@link ResourceNames}. CDK fills the values with real names; the local runtime with local ones.
     */
    public Map<String, String> environment(ResourceNames names) {
        Map<String, String> env = new java.util.TreeMap<>(environment);
        tables.forEach(t -> env.put(ResourceNames.tableVariable(t.name()), names.tableName(t.name())));
        queues.forEach(q -> env.put(ResourceNames.queueUrlVariable(q.name()), names.queueUrl(q.name())));
        env.put("PM_FUNCTION_NAME", name);
        env.put(TIMEOUT_VARIABLE, Integer.toString(timeoutSeconds));
        if (publishesEvents()) {
            env.put(EVENT_TOPIC_VARIABLE, names.eventTopicArn());
        }
        if (!trigger.httpRoutes().isEmpty()) {
            env.put(ROUTE_SCOPES_VARIABLE, routeScopes());
        }
        return env;
    }

    private String routeScopes() {
        return trigger.httpRoutes().stream()
                .map(r -> r.routeKey() + "=" + (r.isPublic() ? "-" : r.scope()))
                .collect(java.util.stream.Collectors.joining(";"));
    }

    /** A table or queue the function uses, with {@code read}, {@code read-write} or {@code send}. */
    public record ResourceGrant(String name, String access) {
        public boolean canWrite() {
            return "read-write".equals(access) || "send".equals(access);
        }
    }
}
