package com.penguinmails.eventlog.internal;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.penguinmails.core.events.EventType;
import com.penguinmails.core.events.PlatformEvent;
import com.penguinmails.core.platform.Json;
import com.penguinmails.core.platform.TimeOrderedKeys;
import com.penguinmails.eventlog.EventLogStore;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.zip.Deflater;
import java.util.zip.GZIPInputStream;
import java.util.zip.GZIPOutputStream;

/**
 * Several events of one workspace, stored as one item: a gzip-compressed JSON array of the events, each with its own
 * expiry. An event is a few hundred bytes and DynamoDB bills a write per started kilobyte of an item, so one item per
 * event cost a unit each; a pack of a batch's events compresses to a fraction of that per event.
 * <p>
 * A pack holds events at most {@link EventLogStore#MAX_SPAN} apart, and at most {@link #MAX_JSON_BYTES} of JSON (an
 * event larger than that alone is a pack of its own; an SQS message, so an event, is at most 256 KB), well under
 * DynamoDB's 400 KB item limit. Its id is a digest of its events' positions, so the same events always make the same
 * pack: a redelivered batch finds its packs already written.
 */
final class EventPack {

    static final int MAX_JSON_BYTES = 128 * 1024;
    private static final int ID_HEX_DIGITS = 24;

    /** An event as stored, with its expiry in epoch seconds (the TTL attribute's unit). */
    record StoredEvent(PlatformEvent event, long expiresAtEpoch) {
        /** {@code <13-digit epoch millis>#<id>}: the listing's order, and what tells two copies of one event. */
        String position() {
            return positionOf(event);
        }
    }

    private final List<StoredEvent> events;
    private final List<byte[]> json;

    private EventPack(List<StoredEvent> events, List<byte[]> json) {
        this.events = List.copyOf(events);
        this.json = List.copyOf(json);
    }

    /**
     * The entries in packs: per workspace, oldest first, a new pack whenever the next event is more than
     * {@link EventLogStore#MAX_SPAN} after the pack's oldest or would take it past {@link #MAX_JSON_BYTES}.
     * Depends only on the entries, not their order, so a batch delivered again packs the same.
     */
    static List<EventPack> form(List<EventLogStore.Entry> entries) {
        Map<String, List<StoredEvent>> byWorkspace = new LinkedHashMap<>();
        for (EventLogStore.Entry entry : entries) {
            byWorkspace.computeIfAbsent(entry.event().workspaceId(), w -> new ArrayList<>())
                    .add(new StoredEvent(entry.event(), entry.expiresAt().getEpochSecond()));
        }
        List<EventPack> packs = new ArrayList<>();
        for (List<StoredEvent> events : byWorkspace.values()) {
            events.sort(Comparator.comparing(StoredEvent::position));
            List<StoredEvent> pack = new ArrayList<>();
            List<byte[]> packJson = new ArrayList<>();
            int bytes = 0;
            for (StoredEvent event : events) {
                byte[] eventJson = write(event);
                boolean tooLong = !pack.isEmpty()
                        && event.event().time().isAfter(pack.get(0).event().time().plus(EventLogStore.MAX_SPAN));
                if (tooLong || (!pack.isEmpty() && bytes + eventJson.length + 1 > MAX_JSON_BYTES)) {
                    packs.add(new EventPack(pack, packJson));
                    pack = new ArrayList<>();
                    packJson = new ArrayList<>();
                    bytes = 0;
                }
                pack.add(event);
                packJson.add(eventJson);
                bytes += eventJson.length + 1;
            }
            packs.add(new EventPack(pack, packJson));
        }
        return packs;
    }

    List<PlatformEvent> events() {
        return events.stream().map(StoredEvent::event).toList();
    }

    String workspaceId() {
        return events.get(0).event().workspaceId();
    }

    /**
     * {@code p_} and 24 hex digits of the SHA-256 of the events' positions, in order: two packs share an id only if
     * they hold the same events (96 bits make a collision between different ones out of reach).
     */
    String id() {
        try {
            MessageDigest sha256 = MessageDigest.getInstance("SHA-256");
            for (StoredEvent event : events) {
                sha256.update(event.position().getBytes(StandardCharsets.UTF_8));
                sha256.update((byte) '\n');
            }
            return "p_" + HexFormat.of().formatHex(sha256.digest()).substring(0, ID_HEX_DIGITS);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every JVM has SHA-256", e);
        }
    }

    Instant newest() {
        return events.get(events.size() - 1).event().time();
    }

    /** The pack's TTL: its last event's expiry. A listing drops each event at its own. */
    long expiresAtEpoch() {
        return events.stream().mapToLong(StoredEvent::expiresAtEpoch).max().orElseThrow();
    }

    byte[] compressed() {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (GZIPOutputStream gzip = new GZIPOutputStream(bytes) {
            {
                def.setLevel(Deflater.BEST_COMPRESSION);
            }
        }) {
            gzip.write('[');
            for (int i = 0; i < json.size(); i++) {
                if (i > 0) {
                    gzip.write(',');
                }
                gzip.write(json.get(i));
            }
            gzip.write(']');
        } catch (IOException e) {
            throw new UncheckedIOException("gzip into memory", e);
        }
        return bytes.toByteArray();
    }

    /** The events of a stored pack; the workspace is the item's (it is not repeated in each event). */
    static List<StoredEvent> read(InputStream compressed, String workspaceId) {
        JsonNode array;
        try (InputStream json = new GZIPInputStream(compressed)) {
            array = Json.MAPPER.readTree(json);
        } catch (IOException e) {
            throw new IllegalStateException("a stored pack is gzip-compressed JSON", e);
        }
        List<StoredEvent> events = new ArrayList<>(array.size());
        for (JsonNode node : array) {
            EventType type = EventType.fromWireName(node.path("type").asText())
                    .orElseThrow(() -> new IllegalStateException("stored type " + node.path("type")));
            PlatformEvent event = new PlatformEvent(node.path("id").asText(), node.path("source").asText(), type,
                    Instant.parse(node.path("time").asText()), text(node, "subject"), workspaceId, text(node, "correlationId"),
                    node.get("data"));
            events.add(new StoredEvent(event, node.path("expiresAtEpoch").asLong()));
        }
        return events;
    }

    static String positionOf(PlatformEvent event) {
        return TimeOrderedKeys.key(event.time(), event.id());
    }

    private static byte[] write(StoredEvent stored) {
        PlatformEvent event = stored.event();
        ObjectNode node = Json.MAPPER.createObjectNode();
        node.put("id", event.id());
        node.put("source", event.source());
        node.put("type", event.type().wireName());
        node.put("time", event.time().toString());
        if (event.subject() != null) {
            node.put("subject", event.subject());
        }
        if (event.correlationId() != null) {
            node.put("correlationId", event.correlationId());
        }
        node.set("data", event.data());
        node.put("expiresAtEpoch", stored.expiresAtEpoch());
        try {
            return Json.MAPPER.writeValueAsBytes(node);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("event data is a JSON tree", e);
        }
    }

    private static String text(JsonNode node, String field) {
        JsonNode value = node.get(field);
        return value == null || value.isNull() ? null : value.asText();
    }
}
