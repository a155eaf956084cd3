package com.penguinmails.core.events;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Objects;
import java.util.UUID;

/**
 * One thing that happened in the platform, in the CloudEvents 1.0 envelope ({@code specversion} is always 1.0) with
 * two extensions: the workspace it belongs to and the correlation id of the request or run that caused it.
 *
 * <p>{@code id} is derived from what happened, never random ({@link #idFor}): when a function stops after its state
 * change and before it published, the retry publishes the same event again with the same id, and consumers
 * de-duplicate by it. So every event reaches each consumer once.
 */
public record PlatformEvent(String id, String source, EventType type, Instant time, String subject, String workspaceId,
                            String correlationId, JsonNode data) {

    public static final String SPEC_VERSION = "1.0";

    public PlatformEvent {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(source, "source");
        Objects.requireNonNull(type, "type");
        Objects.requireNonNull(time, "time");
        Objects.requireNonNull(workspaceId, "workspaceId");
        Objects.requireNonNull(data, "data");
    }

    /** A stable id for the state change the parts name, e.g. {@code idFor("message.delivered", messageId, sesEventId)}. */
    public static String idFor(String... parts) {
        return UUID.nameUUIDFromBytes(String.join("\u001f", parts).getBytes(StandardCharsets.UTF_8)).toString();
    }

    public static Builder builder(EventType type) {
        return new Builder(type);
    }

    public static final class Builder {
        private final EventType type;
        private String id;
        private String source;
        private Instant time;
        private String subject;
        private String workspaceId;
        private String correlationId;
        private JsonNode data;

        private Builder(EventType type) {
            this.type = type;
        }

        public Builder id(String id) {
            this.id = id;
            return this;
        }

        /** The producing function as a URI reference, e.g. {@code /penguinmails/event-ingest}. */
        public Builder source(String source) {
            this.source = source;
            return this;
        }

        public Builder time(Instant time) {
            this.time = time;
            return this;
        }

        /** The resource the event is about: a message, IP, mailbox, key or address id. */
        public Builder subject(String subject) {
            this.subject = subject;
            return this;
        }

        public Builder workspaceId(String workspaceId) {
            this.workspaceId = workspaceId;
            return this;
        }

        public Builder correlationId(String correlationId) {
            this.correlationId = correlationId;
            return this;
        }

        public Builder data(JsonNode data) {
            this.data = data;
            return this;
        }

        public PlatformEvent build() {
            return new PlatformEvent(id, source, type, time, subject, workspaceId, correlationId, data);
        }
    }
}
