package com.penguinmails.workflows.definition;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * A test on what the workflow runs with: {@code path} is a dotted path into it ({@code event.data.bounceType},
 * {@code event.type}); {@code value} what it is compared with (a list for {@code in}; nothing for {@code exists}).
 */
public record Condition(String path, Operator operator, JsonNode value) {

    public enum Operator {
        EQUALS, NOT_EQUALS, IN, EXISTS, NOT_EXISTS, GREATER_THAN, LESS_THAN, CONTAINS;

        public String wireName() {
            return name().toLowerCase(Locale.ROOT).replace('_', '-');
        }

        public static Optional<Operator> fromWire(String value) {
            return Arrays.stream(values()).filter(o -> o.wireName().equals(value)).findFirst();
        }
    }

    /** What {@code path} holds in {@code context}, or a missing node. */
    public JsonNode actual(JsonNode context) {
        JsonNode at = context;
        for (String part : path.split("\\.")) {
            at = at.path(part);
        }
        return at;
    }

    public boolean holds(JsonNode context) {
        JsonNode actual = actual(context);
        boolean present = !actual.isMissingNode() && !actual.isNull();
        return switch (operator) {
            case EXISTS -> present;
            case NOT_EXISTS -> !present;
            case EQUALS -> present && same(actual, value);
            case NOT_EQUALS -> !present || !same(actual, value);
            case IN -> present && value.isArray() && stream(value).anyMatch(v -> same(actual, v));
            case CONTAINS -> present && (actual.isArray() ? stream(actual).anyMatch(v -> same(v, value))
                    : actual.asText().contains(value.asText()));
            case GREATER_THAN -> present && actual.isNumber() && actual.asDouble() > value.asDouble();
            case LESS_THAN -> present && actual.isNumber() && actual.asDouble() < value.asDouble();
        };
    }

    private static boolean same(JsonNode a, JsonNode b) {
        return a.isNumber() && b.isNumber() ? a.asDouble() == b.asDouble() : a.asText().equals(b.asText()) && a.isValueNode() == b.isValueNode();
    }

    private static java.util.stream.Stream<JsonNode> stream(JsonNode array) {
        List<JsonNode> values = new java.util.ArrayList<>();
        array.forEach(values::add);
        return values.stream();
    }
}
