package com.penguinmails.functions.http;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.exc.MismatchedInputException;
import com.fasterxml.jackson.databind.exc.UnrecognizedPropertyException;
import com.penguinmails.shared.platform.Json;
import com.penguinmails.shared.problems.ApiProblem;
import java.util.Map;
import java.util.stream.Collectors;

/** Reads JSON bodies into records, turning every Jackson failure into a 400 that names the field. */
public final class RequestBodies {

    private RequestBodies() {
    }

    public static <T> T read(ApiRequest request, Class<T> type) {
        if (request.body() == null || request.body().isBlank()) {
            throw ApiProblem.badRequest("body-required", "This request needs a JSON body.");
        }
        return parse(request.body(), type);
    }

    /** Like {@link #read} but an absent body reads as {@code {}}. */
    public static <T> T readOptional(ApiRequest request, Class<T> type) {
        return parse(request.body() == null || request.body().isBlank() ? "{}" : request.body(), type);
    }

    private static <T> T parse(String body, Class<T> type) {
        try {
            T value = Json.MAPPER.readValue(body, type);
            if (value == null) {
                throw ApiProblem.badRequest("invalid-json", "The body must be a JSON object, not null.");
            }
            return value;
        } catch (UnrecognizedPropertyException e) {
            String field = path(e);
            throw new ApiProblem(400, "unknown-field", "Bad Request", "Unknown field '" + field + "'. Known fields: "
                    + e.getKnownPropertyIds().stream().map(Object::toString).sorted().collect(Collectors.joining(", ")) + ".",
                    Map.of("field", field), Map.of());
        } catch (MismatchedInputException e) {
            String field = path(e);
            if (field.isEmpty()) {
                throw ApiProblem.badRequest("invalid-json", "The body must be a JSON object.");
            }
            throw ApiProblem.invalidField(field, "Field '" + field + "' has the wrong type or format: expected "
                    + describe(e.getTargetType()) + ".");
        } catch (JsonProcessingException e) {
            throw ApiProblem.badRequest("invalid-json", "The body is not valid JSON: " + e.getOriginalMessage()
                    + (e.getLocation() == null ? "" : " (line " + e.getLocation().getLineNr() + ", column " + e.getLocation().getColumnNr() + ")") + ".");
        }
    }

    private static String path(JsonMappingException e) {
        return e.getPath().stream()
                .map(ref -> ref.getFieldName() != null ? ref.getFieldName() : "[" + ref.getIndex() + "]")
                .collect(Collectors.joining(".")).replace(".[", "[");
    }

    private static String describe(Class<?> type) {
        if (type == null) {
            return "another type";
        }
        if (type == java.time.Instant.class) {
            return "an ISO-8601 time such as 2027-01-31T12:00:00Z";
        }
        if (Number.class.isAssignableFrom(type) || type.isPrimitive() && type != boolean.class) {
            return "a number";
        }
        if (type == String.class) {
            return "a string";
        }
        if (java.util.Collection.class.isAssignableFrom(type)) {
            return "an array";
        }
        if (type == Boolean.class || type == boolean.class) {
            return "true or false";
        }
        return "an object";
    }
}
