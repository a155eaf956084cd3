package com.penguinmails.catalog;

import java.util.List;

/** Exactly one of: HTTP routes, an SQS queue, an EventBridge schedule, or the role of API authorizer. */
public record Trigger(List<HttpRoute> http, SqsTrigger sqs, ScheduleTrigger schedule, AuthorizerTrigger authorizer) {

    public Trigger {
        int kinds = (http != null ? 1 : 0) + (sqs != null ? 1 : 0) + (schedule != null ? 1 : 0) + (authorizer != null ? 1 : 0);
        if (kinds != 1) {
            throw new IllegalArgumentException("catalog: a trigger has exactly one of http, sqs, schedule, authorizer");
        }
        http = http == null ? null : List.copyOf(http);
    }

    public List<HttpRoute> httpRoutes() {
        return http == null ? List.of() : http;
    }

    /** SQS event source: batch size, batching window; partial batch failures are always reported. */
    public record SqsTrigger(String queue, Integer batchSize, Integer maxBatchingWindowSeconds) {
        public SqsTrigger {
            batchSize = batchSize == null ? 10 : batchSize;
            maxBatchingWindowSeconds = maxBatchingWindowSeconds == null ? 0 : maxBatchingWindowSeconds;
        }
    }

    /** EventBridge schedule: {@code rate(N unit)} or {@code cron(...)} in EventBridge syntax. */
    public record ScheduleTrigger(String expression) {}

    /** Marks the HTTP API's Lambda REQUEST authorizer. */
    public record AuthorizerTrigger() {}
}
