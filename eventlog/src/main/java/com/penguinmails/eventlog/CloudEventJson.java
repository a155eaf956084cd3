package com.penguinmails.eventlog;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.penguinmails.core.events.EventType;
import com.penguinmails.core.events.PlatformEvent;
import com.penguinmails.core.platform.Json;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;

/**
 * Platform events in CloudEvents 1.0 structured JSON, as each consumer queue's message body carries them and as the
 * event log lists them: {@code specversion, id, source, type, time, subject, datacontenttype, data} and the extension
 * attributes {@code workspaceid} and {@code correlationid}. (The bus's own reader takes its place when it lands.)
 */
public final class CloudEventJson {

    private static final String CONTENT_TYPE = "application/json";

    private CloudEventJson() {
    }

    public static ObjectNode toNode(PlatformEvent event) {
        ObjectNode node = Json.MAPPER.createObjectNode();
        node.put("specversion", PlatformEvent.SPEC_VERSION);
        node.put("id", event.id());
        node.put("source", event.source());
        node.put("type", event.type().wireName());
        node.put("time", event.time().toString());
        if (event.subject() != null) {
            node.put("subject", event.subject());
        }
        node.put("datacontenttype", CONTENT_TYPE);
        node.put("workspaceid", event.workspaceId());
        if (event.correlationId() != null) {
            node.put("correlationid", event.correlationId());
        }
        node.set("data", event.data());
        return node;
    }

    /**
     * Reads one event; attributes we do not use are ignored, as CloudEvents asks of consumers. Anything else than a
     * 1.0 event of a type we publish with JSON data is an {@link IllegalArgumentException} naming the attribute.
     */
    public static PlatformEvent read(String json) {
        JsonNode node;
        try {
            node = Json.MAPPER.readTree(json);
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException("a platform event must be a JSON object: " + e.getOriginalMessage(), e);
        }
        if (node == null || !node.isObject()) {
            throw new IllegalArgumentException("a platform event must be a JSON object");
        }
        String specVersion = required(node, "specversion");
        if (!PlatformEvent.SPEC_VERSION.equals(specVersion)) {
            throw new IllegalArgumentException("specversion must be " + PlatformEvent.SPEC_VERSION + ", not " + specVersion);
        }
        String typeName = required(node, "type");
        EventType type = EventType.fromWireName(typeName)
                .orElseThrow(() -> new IllegalArgumentException("type " + typeName + " is not a platform event type"));
        String contentType = optional(node, "datacontenttype");
        if (contentType != null && !contentType.startsWith(CONTENT_TYPE)) {
            throw new IllegalArgumentException("datacontenttype must be " + CONTENT_TYPE + ", not " + contentType);
        }
        JsonNode data = node.get("data");
        if (data == null || data.isNull()) {
            throw new IllegalArgumentException("data is required (and JSON: data_base64 is not for platform events)");
        }
        return new PlatformEvent(required(node, "id"), required(node, "source"), type, time(required(node, "time")),
                optional(node, "subject"), required(node, "workspaceid"), optional(node, "correlationid"), data);
    }

    private static Instant time(String text) {
        try {
            return OffsetDateTime.parse(text).toInstant();
        } catch (DateTimeParseException e) {
            throw new IllegalArgumentException("time must be an RFC 3339 timestamp, not " + text, e);
        }
    }

    private static String required(JsonNode node, String attribute) {
        String value = optional(node, attribute);
        if (value == null || value.isEmpty()) {
            throw new IllegalArgumentException(attribute + " is required");
        }
        return value;
    }

    private static String optional(JsonNode node, String attribute) {
        JsonNode value = node.get(attribute);
        if (value == null || value.isNull()) {
            return null;
        }
        if (!value.isTextual()) {
            throw new IllegalArgumentException(attribute + " must be a string");
        }
        return value.asText();
    }
}
