package com.penguinmails.core.events;

import com.fasterxml.jackson.databind.JsonNode;
import com.penguinmails.catalog.FunctionSpec;
import com.penguinmails.core.events.internal.SnsEventPublisher;
import com.penguinmails.core.platform.Json;
import com.penguinmails.core.platform.Platform;
import org.slf4j.MDC;

/**
 * What every producer needs: the publisher for the event topic the catalog gave its function ({@code events:
 * publish}), and the envelope's fields filled the same way everywhere.
 */
public final class PlatformEvents {

    /** The MDC key under which the functions' Observability keeps the request's or run's correlation id. */
    static final String CORRELATION_ID_MDC_KEY = "correlation_id";

    private PlatformEvents() {
    }

    /**
     * The SNS publisher for the topic in {@value FunctionSpec#EVENT_TOPIC_VARIABLE}. A function the catalog does not
     * mark {@code events: publish} has no such variable, and this fails at once with a message saying so, instead of
     * events being dropped.
     */
    public static PlatformEventPublisher publisher(Platform platform) {
        String topicArn = platform.env(FunctionSpec.EVENT_TOPIC_VARIABLE, null);
        if (topicArn == null) {
            throw new IllegalStateException("environment variable " + FunctionSpec.EVENT_TOPIC_VARIABLE
                    + " is not set: this function publishes platform events, so its catalog entry must say events: publish");
        }
        return new SnsEventPublisher(platform::sns, topicArn);
    }

    /**
     * What the module wirings hand every producer: the topic's publisher when the catalog made this function a
     * publisher; otherwise one that fails on the first publish, naming the missing {@code events: publish}, so a
     * function that reads a service but never publishes needs no topic, and one that publishes without it fails loudly
     * (its trigger is retried) instead of dropping the event.
     */
    public static PlatformEventPublisher of(Platform platform) {
        if (platform.env(FunctionSpec.EVENT_TOPIC_VARIABLE, null) != null) {
            return publisher(platform);
        }
        String function = platform.env("PM_FUNCTION_NAME", "this function");
        return events -> {
            if (!events.isEmpty()) {
                throw new IllegalStateException(function + " published " + events.get(0).type().wireName()
                        + " but has no " + FunctionSpec.EVENT_TOPIC_VARIABLE + ": its catalog entry must say events: publish");
            }
        };
    }

    /** The envelope's {@code source} for the function this platform runs, e.g. {@code /penguinmails/sender}. */
    public static String sourceOf(Platform platform) {
        return source(platform.env("PM_FUNCTION_NAME", "local"));
    }

    /** The envelope's {@code source} for a catalog function, e.g. {@code /penguinmails/event-ingest}. */
    public static String source(String functionName) {
        return "/penguinmails/" + functionName;
    }

    /** A data record as the envelope's {@code data} (ISO-8601 times, no nulls). */
    public static JsonNode data(Object record) {
        return Json.MAPPER.valueToTree(record);
    }

    /** The correlation id of the request or run being served, if any (set by the handler around its work). */
    public static String currentCorrelationId() {
        return MDC.get(CORRELATION_ID_MDC_KEY);
    }
}
