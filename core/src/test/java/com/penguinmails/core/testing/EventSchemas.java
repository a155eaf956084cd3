package com.penguinmails.core.testing;

import com.networknt.schema.Error;
import com.networknt.schema.InputFormat;
import com.networknt.schema.Schema;
import com.networknt.schema.SchemaRegistry;
import com.networknt.schema.SpecificationVersion;
import com.penguinmails.core.platform.Json;
import com.penguinmails.core.events.EventType;
import com.penguinmails.core.events.PlatformEvent;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;

/**
 * The JSON Schemas of the platform events' {@code data}, from the catalog's resources
 * ({@code penguinmails/events/<type>.schema.json}), validated with networknt's draft 2020-12 validator.
 */
public final class EventSchemas {

    public static final String DIRECTORY = "penguinmails/events/";

    private static final Map<EventType, Schema> SCHEMAS = new EnumMap<>(EventType.class);

    private EventSchemas() {
    }

    public static String resource(EventType type) {
        return DIRECTORY + type.wireName() + ".schema.json";
    }

    /** The schema's text, or null when there is none. */
    public static String text(EventType type) {
        try (InputStream in = EventSchemas.class.getClassLoader().getResourceAsStream(resource(type))) {
            return in == null ? null : new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** What is wrong with the event's data by its type's schema; empty when it validates. */
    public static synchronized List<String> problems(PlatformEvent event) {
        Schema schema = SCHEMAS.computeIfAbsent(event.type(), type -> {
            String text = text(type);
            if (text == null) {
                throw new AssertionError("no schema " + resource(type));
            }
            return SchemaRegistry.withDefaultDialect(SpecificationVersion.DRAFT_2020_12).getSchema(text, InputFormat.JSON);
        });
        try {
            return schema.validate(Json.MAPPER.writeValueAsString(event.data()), InputFormat.JSON).stream().map(Error::toString).toList();
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    /** Throws naming the problems when the event's data does not validate. */
    public static void requireValid(PlatformEvent event) {
        List<String> problems = problems(event);
        if (!problems.isEmpty()) {
            throw new AssertionError(event.type().wireName() + " data " + event.data() + " does not match " + resource(event.type())
                    + ": " + problems);
        }
    }
}
