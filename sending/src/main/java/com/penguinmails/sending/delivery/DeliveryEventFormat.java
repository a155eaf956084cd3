package com.penguinmails.sending.delivery;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.penguinmails.core.platform.Json;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.Arrays;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * The one format in which our own producers put a {@link DeliveryEvent} on the delivery-events queue (SES's records
 * arrive in SES's format and {@link SesEventParser} reads them). Each producer is an {@link Origin}, named in
 * {@code source}, and may only write the event types of its origin, which the reader checks again:
 * <pre>{@code
 * {"source": "penguinmails.mailbox-bounce", "eventId": "mbx-bounce-…", "type": "HARD_BOUNCE", "workspaceId": "ws_…",
 *  "messageId": "msg_…", "resourceId": "mbx_…", "sendingDomain": "acme.test", "recipient": "ada@example.org",
 *  "at": "2026-11-25T10:00:07Z", "detail": "5.1.1: 550 5.1.1 … (reported by mx.example.org)"}
 * }</pre>
 * Absent values are left out. Tracking events queued before this class existed have the same shape.
 */
public final class DeliveryEventFormat {

    /** Who wrote the event: the adapter that turned its input (a tracking hit, a bounce report, ...) into it. */
    public enum Origin {
        /** Open pixel, click redirect and unsubscribe links ({@code TrackingHandler}). */
        TRACKING("penguinmails.tracking", "tracking", EnumSet.of(DeliveryEvent.Type.OPEN, DeliveryEvent.Type.CLICK, DeliveryEvent.Type.UNSUBSCRIBE)),
        /** Bounce reports found over IMAP in a sending mailbox ({@link MailboxBounceScan}); the resource is that mailbox. */
        MAILBOX_BOUNCE("penguinmails.mailbox-bounce", "mailbox bounce",
                EnumSet.of(DeliveryEvent.Type.HARD_BOUNCE, DeliveryEvent.Type.SOFT_BOUNCE, DeliveryEvent.Type.DELIVERY_DELAY)),
        /** The local platform's stand-in for SES's configuration set: a delivery once the SMTP sink took the mail. */
        LOCAL_SES("penguinmails.local-ses", "local SES", EnumSet.of(DeliveryEvent.Type.DELIVERY));

        private final String source;
        private final String label;
        private final Set<DeliveryEvent.Type> types;

        Origin(String source, String label, Set<DeliveryEvent.Type> types) {
            this.source = source;
            this.label = label;
            this.types = types;
        }

        public String source() {
            return source;
        }

        static Optional<Origin> ofSource(String source) {
            return Arrays.stream(values()).filter(o -> o.source.equals(source)).findFirst();
        }

        void check(DeliveryEvent.Type type, String resourceId) {
            if (type == null || !types.contains(type)) {
                throw new IllegalArgumentException(label + " events are " + String.join(", ", types.stream().map(Enum::name).toList())
                        + (type == null ? "" : ", not " + type));
            }
            if (this == MAILBOX_BOUNCE && (resourceId == null || !resourceId.startsWith("mbx_"))) {
                throw new IllegalArgumentException("a mailbox bounce's resourceId is a mailbox id (mbx_...), not " + resourceId);
            }
        }
    }

    private DeliveryEventFormat() {
    }

    public static String toJson(Origin origin, DeliveryEvent event) {
        origin.check(event.type(), event.resourceId());
        if (event.at() == null) {
            throw new IllegalArgumentException("a delivery event we queue has a time");
        }
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("source", origin.source());
        body.put("eventId", event.eventId());
        body.put("type", event.type().name());
        body.put("workspaceId", event.workspaceId());
        body.put("messageId", event.messageId());
        body.put("resourceId", event.resourceId());
        body.put("sendingDomain", event.sendingDomain());
        body.put("recipient", event.recipient());
        body.put("at", event.at().toString());
        body.put("detail", event.detail());
        try {
            return Json.MAPPER.writeValueAsString(body); // the mapper leaves nulls out
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    /** Whether {@code root} is in this format (its {@code source} names one of our origins). */
    static boolean isOurs(JsonNode root) {
        return Origin.ofSource(root.path("source").asText()).isPresent();
    }

    static DeliveryEvent fromJson(JsonNode root) {
        Origin origin = Origin.ofSource(root.path("source").asText())
                .orElseThrow(() -> new IllegalArgumentException("not one of our delivery event sources: " + root.path("source").asText()));
        DeliveryEvent.Type type;
        try {
            type = DeliveryEvent.Type.valueOf(root.path("type").asText("").toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            type = null;
        }
        String resourceId = text(root, "resourceId");
        origin.check(type, resourceId);
        Instant at;
        try {
            at = Instant.parse(required(origin, root, "at"));
        } catch (DateTimeParseException e) {
            throw new IllegalArgumentException(origin.label + " event: 'at' is not an ISO-8601 instant", e);
        }
        String recipient = text(root, "recipient");
        String domain = text(root, "sendingDomain");
        return new DeliveryEvent(required(origin, root, "eventId"), type, required(origin, root, "workspaceId"),
                required(origin, root, "messageId"), resourceId, domain == null ? null : domain.toLowerCase(Locale.ROOT),
                recipient == null ? null : recipient.strip().toLowerCase(Locale.ROOT), at, text(root, "detail"));
    }

    /** The origins' sources, for documentation and tests. */
    public static List<String> sources() {
        return Arrays.stream(Origin.values()).map(Origin::source).toList();
    }

    private static String text(JsonNode node, String field) {
        return node.hasNonNull(field) && !node.get(field).asText().isBlank() ? node.get(field).asText() : null;
    }

    private static String required(Origin origin, JsonNode node, String field) {
        String value = text(node, field);
        if (value == null) {
            throw new IllegalArgumentException(origin.label + " event lacks " + field);
        }
        return value;
    }
}
