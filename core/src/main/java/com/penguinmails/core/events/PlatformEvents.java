package com.penguinmails.core.events;

import com.fasterxml.jackson.databind.JsonNode;
import com.penguinmails.core.platform.Json;
import com.penguinmails.core.platform.Platform;
import org.slf4j.MDC;

/**
 * What every producer needs to fill the envelope the same way everywhere. The publisher itself comes from
 * {@code CoreWiring.platformEvents(platform)}, which plugs in the SNS adapter.
 */
public final class PlatformEvents {

    /** The MDC key under which the functions' Observability keeps the request's or run's correlation id. */
    static final String CORRELATION_ID_MDC_KEY = "correlation_id";

    private PlatformEvents() {
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
