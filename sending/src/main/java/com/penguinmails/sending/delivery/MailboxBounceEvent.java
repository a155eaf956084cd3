package com.penguinmails.sending.delivery;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.penguinmails.core.platform.Json;
import com.penguinmails.core.platform.ResourceKind;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * The delivery-events queue's format for a bounce report found over IMAP in a sending mailbox (see
 * {@link BounceReportParser}), next to SES's records and our tracking events:
 * <pre>{@code
 * {"source": "penguinmails.mailbox-bounce", "eventId": "mbx-bounce-…", "type": "HARD_BOUNCE", "workspaceId": "ws_…",
 *  "messageId": "msg_…", "resourceId": "mbx_…", "sendingDomain": "acme.test", "recipient": "ada@example.org",
 *  "at": "2026-11-25T10:00:07Z", "detail": "5.1.1: 550 5.1.1 … (reported by mx.example.org)"}
 * }</pre>
 * {@code resourceId} is the mailbox the report arrived in (the cold email's envelope sender), so the counts land on
 * the mailbox's ledger row and {@code sendingDomain}'s.
 */
public final class MailboxBounceEvent {

    public static final String SOURCE = "penguinmails.mailbox-bounce";
    private static final Set<DeliveryEvent.Type> TYPES = Set.of(DeliveryEvent.Type.HARD_BOUNCE, DeliveryEvent.Type.SOFT_BOUNCE,
            DeliveryEvent.Type.DELIVERY_DELAY);

    private MailboxBounceEvent() {
    }

    public static String toJson(DeliveryEvent event) {
        if (!TYPES.contains(event.type())) {
            throw new IllegalArgumentException("a mailbox bounce is HARD_BOUNCE, SOFT_BOUNCE or DELIVERY_DELAY, not " + event.type());
        }
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("source", SOURCE);
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
            return Json.MAPPER.writeValueAsString(body);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    static DeliveryEvent fromJson(JsonNode root) {
        DeliveryEvent.Type type;
        try {
            type = DeliveryEvent.Type.valueOf(root.path("type").asText("").toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            type = null;
        }
        if (!TYPES.contains(type)) {
            throw new IllegalArgumentException("mailbox bounce events are HARD_BOUNCE, SOFT_BOUNCE or DELIVERY_DELAY");
        }
        String resourceId = required(root, "resourceId");
        if (!ResourceKind.MAILBOX.names(resourceId)) {
            throw new IllegalArgumentException("a mailbox bounce's resourceId is a mailbox id (mbx_...), not " + resourceId);
        }
        Instant at;
        try {
            at = Instant.parse(required(root, "at"));
        } catch (DateTimeParseException e) {
            throw new IllegalArgumentException("mailbox bounce event: 'at' is not an ISO-8601 instant", e);
        }
        String recipient = text(root, "recipient");
        String domain = text(root, "sendingDomain");
        return new DeliveryEvent(required(root, "eventId"), type, required(root, "workspaceId"), required(root, "messageId"), resourceId,
                domain == null ? null : domain.toLowerCase(Locale.ROOT), recipient == null ? null : recipient.strip().toLowerCase(Locale.ROOT),
                at, text(root, "detail"));
    }

    private static String text(JsonNode node, String field) {
        return node.hasNonNull(field) && !node.get(field).asText().isBlank() ? node.get(field).asText() : null;
    }

    private static String required(JsonNode node, String field) {
        String value = text(node, field);
        if (value == null) {
            throw new IllegalArgumentException("mailbox bounce event lacks " + field);
        }
        return value;
    }
}
