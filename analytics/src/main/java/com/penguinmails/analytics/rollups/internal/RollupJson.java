package com.penguinmails.analytics.rollups.internal;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.penguinmails.analytics.Counts;
import com.penguinmails.analytics.Dimension;
import com.penguinmails.analytics.Metric;
import com.penguinmails.analytics.rollups.Contribution;
import com.penguinmails.core.platform.Json;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.zip.GZIPInputStream;
import java.util.zip.GZIPOutputStream;

/**
 * The stored forms: gzip-compressed JSON, with metrics and dimensions by their wire names so an item reads the same
 * after an enum gains a constant (and one it no longer knows is skipped, not a failure).
 */
final class RollupJson {

    private RollupJson() {
    }

    static byte[] packOf(List<Contribution> contributions) {
        ArrayNode array = Json.MAPPER.createArrayNode();
        for (Contribution contribution : contributions) {
            ObjectNode node = array.addObject();
            node.put("id", contribution.eventId());
            node.put("ws", contribution.workspaceId());
            node.put("t", contribution.time().toEpochMilli());
            ObjectNode values = node.putObject("v");
            contribution.values().forEach((dimension, list) -> {
                ArrayNode options = values.putArray(dimension.wireName());
                list.forEach(options::add);
            });
            node.set("c", countsNode(contribution.counts()));
        }
        return gzip(array);
    }

    static List<Contribution> contributionsOf(byte[] pack) {
        List<Contribution> contributions = new ArrayList<>();
        for (JsonNode node : gunzip(pack)) {
            Map<Dimension, List<String>> values = new EnumMap<>(Dimension.class);
            node.path("v").fields().forEachRemaining(field -> Dimension.fromWire(field.getKey()).ifPresent(dimension -> {
                List<String> options = new ArrayList<>();
                field.getValue().forEach(option -> options.add(option.asText()));
                values.put(dimension, options);
            }));
            contributions.add(new Contribution(node.path("id").asText(), node.path("ws").asText(),
                    Instant.ofEpochMilli(node.path("t").asLong()), values, countsOf(node.path("c"))));
        }
        return contributions;
    }

    static byte[] partOf(Map<List<String>, Counts> values) {
        ArrayNode array = Json.MAPPER.createArrayNode();
        values.forEach((key, counts) -> {
            ObjectNode node = array.addObject();
            ArrayNode keyNode = node.putArray("k");
            key.forEach(keyNode::add);
            node.set("c", countsNode(counts));
        });
        return gzip(array);
    }

    static Map<List<String>, Counts> valuesOf(byte[] part) {
        Map<List<String>, Counts> values = new LinkedHashMap<>();
        for (JsonNode node : gunzip(part)) {
            List<String> key = new ArrayList<>();
            node.path("k").forEach(option -> key.add(option.asText()));
            values.put(List.copyOf(key), countsOf(node.path("c")));
        }
        return values;
    }

    private static ObjectNode countsNode(Counts counts) {
        ObjectNode node = Json.MAPPER.createObjectNode();
        counts.values().forEach((metric, value) -> node.put(metric.wireName(), value));
        return node;
    }

    private static Counts countsOf(JsonNode node) {
        Map<Metric, Long> values = new EnumMap<>(Metric.class);
        node.fields().forEachRemaining(field -> Metric.fromWire(field.getKey()).ifPresent(metric -> values.put(metric, field.getValue().asLong())));
        return new Counts(values);
    }

    private static byte[] gzip(JsonNode json) {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (GZIPOutputStream gzip = new GZIPOutputStream(bytes)) {
            Json.MAPPER.writeValue(gzip, json);
        } catch (IOException e) {
            throw new UncheckedIOException("gzip into memory", e);
        }
        return bytes.toByteArray();
    }

    private static JsonNode gunzip(byte[] bytes) {
        try (GZIPInputStream json = new GZIPInputStream(new java.io.ByteArrayInputStream(bytes))) {
            return Json.MAPPER.readTree(json);
        } catch (IOException e) {
            throw new IllegalStateException("a stored roll-up item is gzip-compressed JSON", e);
        }
    }
}
