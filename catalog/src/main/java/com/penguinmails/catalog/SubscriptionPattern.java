package com.penguinmails.catalog;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.Iterator;
import java.util.Map;
import java.util.Set;

/**
 * Keeps a subscription pattern inside what EventBridge patterns and SNS message-body filter policies share, so it
 * means the same to AWS (SNS) and to the local runtime (event-ruler, EventBridge's engine): fields (nested objects
 * for nested fields) holding arrays of exact strings or numbers, {@code prefix}, {@code anything-but} (a value, a
 * list of values, or a prefix), {@code exists} and {@code numeric}; at most 5 fields and 150 value combinations, as
 * SNS allows. This checks only the shape; the local runtime and CDK also compile each pattern with event-ruler
 * (the catalog module goes into the function jars, the engine does not).
 */
final class SubscriptionPattern {

    static final int MAX_FIELDS = 5;
    static final int MAX_COMBINATIONS = 150;
    private static final Set<String> NUMERIC_OPERATORS = Set.of("<", "<=", "=", ">", ">=");

    private SubscriptionPattern() {
    }

    static void check(String owner, JsonNode pattern) {
        if (!pattern.isObject() || pattern.isEmpty()) {
            throw invalid(owner, "pattern", "must be an object naming at least one field");
        }
        int[] fields = {0};
        long combinations = checkObject(owner, "pattern", pattern, fields);
        if (fields[0] > MAX_FIELDS) {
            throw invalid(owner, "pattern", "matches on " + fields[0] + " fields; SNS filter policies allow at most " + MAX_FIELDS);
        }
        if (combinations > MAX_COMBINATIONS) {
            throw invalid(owner, "pattern", "has " + combinations + " value combinations; SNS allows at most " + MAX_COMBINATIONS);
        }
    }

    private static long checkObject(String owner, String path, JsonNode object, int[] fields) {
        long combinations = 1;
        for (Iterator<Map.Entry<String, JsonNode>> it = object.fields(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> field = it.next();
            String fieldPath = path + "." + field.getKey();
            if (field.getKey().startsWith("$")) {
                throw invalid(owner, fieldPath, "uses " + field.getKey() + ", which not every pattern engine here shares");
            }
            JsonNode value = field.getValue();
            if (value.isObject() && !value.isEmpty()) {
                combinations *= checkObject(owner, fieldPath, value, fields);
            } else if (value.isArray() && !value.isEmpty()) {
                fields[0]++;
                value.forEach(element -> checkMatcher(owner, fieldPath, element));
                combinations *= value.size();
            } else {
                throw invalid(owner, fieldPath, "must be a non-empty list of values to match, or an object of nested fields");
            }
        }
        return combinations;
    }

    private static void checkMatcher(String owner, String path, JsonNode matcher) {
        if (matcher.isTextual() || matcher.isNumber()) {
            return;
        }
        if (!matcher.isObject() || matcher.size() != 1) {
            throw invalid(owner, path, "holds " + matcher + "; expected a string, a number or one of"
                    + " {prefix}, {anything-but}, {exists}, {numeric}");
        }
        String operator = matcher.fieldNames().next();
        JsonNode operand = matcher.get(operator);
        switch (operator) {
            case "prefix" -> require(operand.isTextual() && !operand.asText().isEmpty(), owner, path, "prefix takes a non-empty string");
            case "exists" -> require(operand.isBoolean(), owner, path, "exists takes true or false");
            case "anything-but" -> checkAnythingBut(owner, path, operand);
            case "numeric" -> checkNumeric(owner, path, operand);
            default -> throw invalid(owner, path, "uses operator " + operator + "; the operators SNS and EventBridge share"
                    + " are prefix, anything-but, exists and numeric");
        }
    }

    private static void checkAnythingBut(String owner, String path, JsonNode operand) {
        if (operand.isTextual() || operand.isNumber()) {
            return;
        }
        if (operand.isArray() && !operand.isEmpty()) {
            boolean strings = true;
            boolean numbers = true;
            for (JsonNode value : operand) {
                strings &= value.isTextual();
                numbers &= value.isNumber();
            }
            require(strings || numbers, owner, path, "anything-but takes a list of strings or of numbers");
            return;
        }
        require(operand.isObject() && operand.size() == 1 && operand.has("prefix") && operand.get("prefix").isTextual()
                && !operand.get("prefix").asText().isEmpty(), owner, path,
                "anything-but takes a value, a list of values or {prefix: \"...\"}");
    }

    private static void checkNumeric(String owner, String path, JsonNode operand) {
        boolean shaped = operand.isArray() && (operand.size() == 2 || operand.size() == 4);
        for (int i = 0; shaped && i < operand.size(); i += 2) {
            shaped = operand.get(i).isTextual() && NUMERIC_OPERATORS.contains(operand.get(i).asText())
                    && operand.get(i + 1).isNumber();
        }
        require(shaped, owner, path, "numeric takes [operator, number] or [operator, number, operator, number]"
                + " with operators " + NUMERIC_OPERATORS);
    }

    private static void require(boolean condition, String owner, String path, String message) {
        if (!condition) {
            throw invalid(owner, path, message);
        }
    }

    private static IllegalArgumentException invalid(String owner, String path, String message) {
        return new IllegalArgumentException("catalog: " + owner + ": " + path + " " + message);
    }
}
