package com.penguinmails.functions.http;

import com.fasterxml.jackson.annotation.JsonSetter;
import com.fasterxml.jackson.annotation.Nulls;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.StreamReadFeature;
import com.fasterxml.jackson.databind.DeserializationContext;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.MapperFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.cfg.CoercionAction;
import com.fasterxml.jackson.databind.cfg.CoercionInputShape;
import com.fasterxml.jackson.databind.deser.std.StdDeserializer;
import com.fasterxml.jackson.databind.exc.InvalidNullException;
import com.fasterxml.jackson.databind.exc.MismatchedInputException;
import com.fasterxml.jackson.databind.exc.UnrecognizedPropertyException;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.databind.module.SimpleModule;
import com.fasterxml.jackson.databind.type.LogicalType;
import com.fasterxml.jackson.datatype.jsr310.deser.InstantDeserializer;
import com.penguinmails.core.platform.Json;
import com.penguinmails.core.problems.ApiProblem;
import java.io.IOException;
import java.time.Instant;
import java.util.Map;
import java.util.stream.Collectors;

/** Reads JSON bodies into records, turning every Jackson failure into a 400 that names the field. */
public final class RequestBodies {

    /**
     * {@link Json#MAPPER} made strict for what callers send us: exactly one JSON value with nothing after it, no
     * duplicate fields, each field in its own JSON type (no "5" for 5, 1.5 for 1, 1 or "" for true, 5 for "5", ""
     * for a time), and no null inside an array or map. Json.MAPPER itself stays as it is because it also reads SES
     * and SNS events and our own queue messages, whose producers we do not control this way.
     */
    static final ObjectMapper STRICT = ((JsonMapper) Json.MAPPER).rebuild()
            .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
            .disable(DeserializationFeature.ACCEPT_FLOAT_AS_INT)
            .disable(MapperFeature.ALLOW_COERCION_OF_SCALARS)
            .enable(StreamReadFeature.STRICT_DUPLICATE_DETECTION)
            .defaultSetterInfo(JsonSetter.Value.forContentNulls(Nulls.FAIL))
            .addModule(new SimpleModule().addDeserializer(Instant.class, new FourDigitYearInstants()))
            .withCoercionConfigDefaults(config -> config.setCoercion(CoercionInputShape.EmptyString, CoercionAction.Fail))
            .withCoercionConfig(LogicalType.Textual, config -> config
                    .setCoercion(CoercionInputShape.Integer, CoercionAction.Fail)
                    .setCoercion(CoercionInputShape.Float, CoercionAction.Fail)
                    .setCoercion(CoercionInputShape.Boolean, CoercionAction.Fail))
            .build();

    private RequestBodies() {
    }

    /**
     * Times from year 0 to 9999 only, the ones ISO-8601 writes with four digits: Instant itself goes to the year
     * 1,000,000,000, far past what epoch milliseconds (how we store times) can hold.
     */
    private static final class FourDigitYearInstants extends StdDeserializer<Instant> {

        private static final Instant FIRST = Instant.parse("0000-01-01T00:00:00Z");
        private static final Instant LAST = Instant.parse("9999-12-31T23:59:59.999Z");

        FourDigitYearInstants() {
            super(Instant.class);
        }

        @Override
        public Instant deserialize(JsonParser parser, DeserializationContext context) throws IOException {
            Instant instant = InstantDeserializer.INSTANT.deserialize(parser, context);
            if (instant != null && (instant.isBefore(FIRST) || instant.isAfter(LAST))) {
                return (Instant) context.handleWeirdStringValue(Instant.class, parser.getText(), "a year from 0 to 9999");
            }
            return instant;
        }
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

    static <T> T parse(String body, Class<T> type) {
        try {
            T value = STRICT.readValue(body, type);
            if (value == null) {
                throw ApiProblem.badRequest("invalid-json", "The body must be a JSON object, not null.");
            }
            return value;
        } catch (UnrecognizedPropertyException e) {
            String field = path(e);
            throw new ApiProblem(400, "unknown-field", "Bad Request", "Unknown field '" + field + "'. Known fields: "
                    + e.getKnownPropertyIds().stream().map(Object::toString).sorted().collect(Collectors.joining(", ")) + ".",
                    Map.of("field", field), Map.of());
        } catch (InvalidNullException e) {
            String field = path(e);
            throw ApiProblem.invalidField(field, "Field '" + field + "' must not be null: leave the entry out instead.");
        } catch (MismatchedInputException e) {
            String field = path(e);
            if (field.isEmpty()) {
                throw ApiProblem.badRequest("invalid-json", "The body must be exactly one JSON object: " + e.getOriginalMessage() + ".");
            }
            throw ApiProblem.invalidField(field, "Field '" + field + "' has the wrong type or format: expected "
                    + describe(e.getTargetType()) + ".");
        } catch (JsonMappingException e) {
            String field = path(e);
            if (field.isEmpty()) {
                throw ApiProblem.badRequest("invalid-json", "The body is not valid JSON: " + e.getOriginalMessage() + ".");
            }
            throw ApiProblem.invalidField(field, "Field '" + field + "' is not valid: " + e.getOriginalMessage() + ".");
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
            return type == Double.class || type == double.class || type == Float.class || type == float.class
                    ? "a number" : "a whole number";
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
