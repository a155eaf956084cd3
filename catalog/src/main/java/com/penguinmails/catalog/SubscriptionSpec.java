package com.penguinmails.catalog;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.Objects;

/**
 * A consumer's subscription to the platform-event topic: every event whose CloudEvents JSON matches {@code pattern}
 * goes to {@code queue} (a catalog queue, so it has its DLQ; the consumer function is triggered by it). The pattern
 * is written in EventBridge pattern syntax, limited to what SNS body filter policies also accept
 * ({@link SubscriptionPattern}); CDK uses it as the subscription's filter policy and the local runtime matches with
 * AWS's own engine, so one pattern means the same in both.
 *
 * <pre>{@code
 * subscriptions:
 *   - name: event-log
 *     queue: event-log
 *     pattern: { type: [ { prefix: "message." } ] }
 * }</pre>
 */
public record SubscriptionSpec(String name, String queue, JsonNode pattern) {

    private static final ObjectMapper JSON = new ObjectMapper();

    public SubscriptionSpec {
        if (name == null || name.isBlank()) {
            throw new IllegalArgumentException("catalog: a subscription has no name");
        }
        if (queue == null || queue.isBlank()) {
            throw new IllegalArgumentException("catalog: subscription " + name + " names no queue");
        }
        Objects.requireNonNull(pattern, "pattern");
        SubscriptionPattern.check("subscription " + name, pattern);
    }

    /** The pattern as compact JSON: the SNS filter policy, and what the local runtime compiles. */
    public String patternJson() {
        try {
            return JSON.writeValueAsString(pattern);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }
}
