package com.penguinmails.core.events;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.penguinmails.core.platform.Json;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;

/**
 * A platform event as CloudEvents 1.0 structured JSON, the body of every message on the event topic and in every
 * consumer queue: {@code specversion, id, source, type, time, subject, datacontenttype, data} plus the extension
 * attributes {@code workspaceid} and {@code correlationid} (CloudEvents allows only lower-case letters and digits in
 * extension names, hence not camel case). Consumers' patterns match on these top-level names.
 */
public final class PlatformEventJson {

    public static final String CONTENT_TYPE = "application/json";
    public static final String WORKSPACE_ID = "workspaceid";
    public static final String CORRELATION_ID = "correlationid";

    private static final ObjectMapper MAPPER = Json.MAPPER;

    private PlatformEventJson() {
    }

    public static ObjectNode toNode(PlatformEvent event) {
        ObjectNode node = MAPPER.createObjectNode();
        node.put("specversion", PlatformEvent.SPEC_VERSION);
        node.put("id", event.id());
        node.put("source", event.source());
        node.put("type", event.type().wireName());
        node.put("time", event.time().toString());
        if (event.subject() != null) {
            node.put("subject", event.subject());
        }
        node.put("datacontenttype", CONTENT_TYPE);
        node.put(WORKSPACE_ID, event.workspaceId());
        if (event.correlationId() != null) {
            node.put(CORRELATION_ID, event.correlationId());
        }
        node.set("data", event.data());
        return node;
    }

    public static String write(PlatformEvent event) {
        try {
            return MAPPER.writeValueAsString(toNode(event));
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("a platform event could not be written as JSON", e);
        }
    }

    /**
     * Reads one event. Attributes this platform does not use (other extensions) are ignored, as CloudEvents asks of
     * consumers; a missing required attribute, another spec version, a type we do not know, binary data or a
     * content type other than JSON is an {@link IllegalArgumentException} naming the attribute.
     */
    public static PlatformEvent read(String json) {
        JsonNode node;
        try {
            node = MAPPER.readTree(json);
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException("a platform event must be a JSON object: " + e.getOriginalMessage(), e);
        }
        return read(node);
    }

    public static PlatformEvent read(JsonNode node) {
        if (node == null || !node.isObject()) {
            throw new IllegalArgumentException("a platform event must be a JSON object");
        }
        String specVersion = requiredText(node, "specversion");
        if (!PlatformEvent.SPEC_VERSION.equals(specVersion)) {
            throw new IllegalArgumentException("specversion must be " + PlatformEvent.SPEC_VERSION + ", not " + specVersion);
        }
        String typeName = requiredText(node, "type");
        EventType type = EventType.fromWireName(typeName)
                .orElseThrow(() -> new IllegalArgumentException("type " + typeName + " is not a platform event type"));
        String contentType = optionalText(node, "datacontenttype");
        if (contentType != null && !contentType.startsWith(CONTENT_TYPE)) {
            throw new IllegalArgumentException("datacontenttype must be " + CONTENT_TYPE + ", not " + contentType);
        }
        if (node.has("data_base64")) {
            throw new IllegalArgumentException("data_base64: platform events carry JSON data");
        }
        JsonNode data = node.get("data");
        if (data == null || data.isNull()) {
            throw new IllegalArgumentException("data is required");
        }
        return new PlatformEvent(requiredText(node, "id"), requiredText(node, "source"), type,
                time(requiredText(node, "time")), optionalText(node, "subject"), requiredText(node, WORKSPACE_ID),
                optionalText(node, CORRELATION_ID), data);
    }

    private static Instant time(String text) {
        try {
            return OffsetDateTime.parse(text).toInstant();
        } catch (DateTimeParseException e) {
            throw new IllegalArgumentException("time must be an RFC 3339 timestamp, not " + text, e);
        }
    }

    private static String requiredText(JsonNode node, String attribute) {
        String value = optionalText(node, attribute);
        if (value == null || value.isEmpty()) {
            throw new IllegalArgumentException(attribute + " is required");
        }
        return value;
    }

    private static String optionalText(JsonNode node, String attribute) {
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
