package com.penguinmails.core.problems;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Pattern;

/**
 * Reads one JSON object of a request body field by field and collects every problem with the JSON path of the
 * field, instead of stopping at the first: a contact batch, a campaign or a workflow is fixed in one go. Each read
 * answers empty when the field is absent or wrong, so the caller goes on and reports everything.
 */
public final class JsonInput {

    private final JsonNode node;
    private final String path;
    private final List<FieldError> errors;

    private JsonInput(JsonNode node, String path, List<FieldError> errors) {
        this.node = node;
        this.path = path;
        this.errors = errors;
    }

    /** The body itself ({@code path} "" names fields without a leading dot). */
    public static JsonInput root(JsonNode node) {
        return new JsonInput(node, "", new ArrayList<>());
    }

    public String path() {
        return path;
    }

    public JsonNode node() {
        return node;
    }

    public List<FieldError> errors() {
        return List.copyOf(errors);
    }

    public boolean ok() {
        return errors.isEmpty();
    }

    public void error(String field, String message) {
        errors.add(new FieldError(at(field), message));
    }

    /** An error about this object itself. */
    public void error(String message) {
        errors.add(new FieldError(path.isEmpty() ? "$" : path, message));
    }

    public String at(String field) {
        return path.isEmpty() ? field : path + "." + field;
    }

    /** Whether this is an object with only {@code known} fields; each unknown one is an error. */
    public boolean object(Set<String> known) {
        if (node == null || !node.isObject()) {
            error("must be a JSON object");
            return false;
        }
        Iterator<String> names = node.fieldNames();
        while (names.hasNext()) {
            String name = names.next();
            if (!known.contains(name)) {
                error(name, "unknown field; known: " + String.join(", ", new TreeSet<>(known)));
            }
        }
        return true;
    }

    public boolean has(String field) {
        return node != null && node.has(field) && !node.get(field).isNull();
    }

    public Optional<String> text(String field, boolean required, Pattern shape, String expected) {
        JsonNode value = node == null ? null : node.get(field);
        if (value == null || value.isNull()) {
            if (required) {
                error(field, "is required: " + expected);
            }
            return Optional.empty();
        }
        if (!value.isTextual() || (shape != null && !shape.matcher(value.asText()).matches())) {
            error(field, "must be " + expected);
            return Optional.empty();
        }
        return Optional.of(value.asText());
    }

    public Optional<Integer> integer(String field, boolean required, int min, int max) {
        JsonNode value = node == null ? null : node.get(field);
        if (value == null || value.isNull()) {
            if (required) {
                error(field, "is required: a whole number from " + min + " to " + max);
            }
            return Optional.empty();
        }
        if (!value.isIntegralNumber() || !value.canConvertToInt() || value.asInt() < min || value.asInt() > max) {
            error(field, "must be a whole number from " + min + " to " + max);
            return Optional.empty();
        }
        return Optional.of(value.asInt());
    }

    public Optional<Boolean> bool(String field) {
        JsonNode value = node == null ? null : node.get(field);
        if (value == null || value.isNull()) {
            return Optional.empty();
        }
        if (!value.isBoolean()) {
            error(field, "must be true or false");
            return Optional.empty();
        }
        return Optional.of(value.asBoolean());
    }

    public Optional<Instant> instant(String field, boolean required) {
        Optional<String> text = text(field, required, null, "an ISO-8601 time such as 2026-03-01T09:30:00Z");
        if (text.isEmpty()) {
            return Optional.empty();
        }
        try {
            Instant instant = Instant.parse(text.get());
            if (instant.getEpochSecond() < 0 || instant.isAfter(Instant.parse("9999-12-31T23:59:59Z"))) {
                error(field, "must be a time from 1970 to 9999");
                return Optional.empty();
            }
            return Optional.of(instant);
        } catch (DateTimeParseException e) {
            error(field, "must be an ISO-8601 time such as 2026-03-01T09:30:00Z");
            return Optional.empty();
        }
    }

    /** The field as an object to read on its own, or empty (absent, or an error when it is not an object). */
    public Optional<JsonInput> child(String field, boolean required) {
        JsonNode value = node == null ? null : node.get(field);
        if (value == null || value.isNull()) {
            if (required) {
                error(field, "is required");
            }
            return Optional.empty();
        }
        if (!value.isObject()) {
            error(field, "must be a JSON object");
            return Optional.empty();
        }
        return Optional.of(new JsonInput(value, at(field), errors));
    }

    /** The field's array entries, each to read on its own, or empty (absent, or an error when not an array of 0..max). */
    public Optional<List<JsonInput>> array(String field, boolean required, int min, int max) {
        JsonNode value = node == null ? null : node.get(field);
        if (value == null || value.isNull()) {
            if (required) {
                error(field, "is required: an array of " + min + " to " + max + " entries");
            }
            return Optional.empty();
        }
        if (!value.isArray() || value.size() < min || value.size() > max) {
            error(field, "must be an array of " + min + " to " + max + " entries");
            return Optional.empty();
        }
        List<JsonInput> entries = new ArrayList<>();
        for (int i = 0; i < value.size(); i++) {
            entries.add(new JsonInput(value.get(i), at(field) + "[" + i + "]", errors));
        }
        return Optional.of(entries);
    }

    /** An array of strings, each of {@code shape}, or empty. */
    public Optional<List<String>> texts(String field, int max, Pattern shape, String expected) {
        Optional<List<JsonInput>> entries = array(field, false, 0, max);
        if (entries.isEmpty()) {
            return Optional.empty();
        }
        List<String> values = new ArrayList<>();
        boolean ok = true;
        for (JsonInput entry : entries.get()) {
            if (entry.node.isTextual() && shape.matcher(entry.node.asText()).matches()) {
                values.add(entry.node.asText());
            } else {
                entry.error("must be " + expected);
                ok = false;
            }
        }
        return ok ? Optional.of(values) : Optional.empty();
    }
}
