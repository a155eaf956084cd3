package com.penguinmails.sending.delivery;

import com.fasterxml.jackson.databind.JsonNode;
import com.penguinmails.core.platform.EmailAddresses;
import com.penguinmails.core.platform.Hashing;
import com.penguinmails.core.platform.Json;
import java.io.IOException;
import java.time.Instant;
import java.util.Locale;
import java.util.Optional;

/**
 * Reads SES event publishing records (every event type, in the real JSON shape), bare or inside an SNS or
 * EventBridge envelope: the SES adapter. What our own producers queue (tracking events, bounce reports found in
 * sending mailboxes, the local SES stand-in) is in {@link DeliveryEventFormat}, which it hands on to. The message is found through the tags the sender set ({@code pm-workspace},
 * {@code pm-message}, {@code pm-resource}). Anything else is rejected with a reason, so the
 * SQS message is retried and ends in the DLQ rather than being dropped silently.
 */
public final class SesEventParser {

    /** The {@code source} of tracking events on the queue ({@link DeliveryEventFormat.Origin#TRACKING}). */
    public static final String TRACKING_SOURCE = DeliveryEventFormat.Origin.TRACKING.source();

    private SesEventParser() {
    }

    public static DeliveryEvent parse(String body) {
        JsonNode root;
        try {
            root = Json.MAPPER.readTree(body);
        } catch (IOException e) {
            throw new IllegalArgumentException("not JSON: " + e.getMessage(), e);
        }
        if (root == null || !root.isObject()) {
            throw new IllegalArgumentException("not a JSON object");
        }
        if (DeliveryEventFormat.isOurs(root)) {
            return DeliveryEventFormat.fromJson(root);
        }
        String envelopeId = null;
        JsonNode record = root;
        if ("Notification".equals(root.path("Type").asText()) && root.has("Message")) {
            envelopeId = root.path("MessageId").asText(null);
            record = readInner(root.get("Message").asText());
        } else if (root.has("detail-type") && root.has("detail")) {
            envelopeId = root.path("id").asText(null);
            record = root.get("detail");
        }
        return sesEvent(record, envelopeId);
    }

    private static DeliveryEvent sesEvent(JsonNode root, String envelopeId) {
        String eventType = text(root, "eventType").orElseGet(() -> text(root, "notificationType")
                .orElseThrow(() -> new IllegalArgumentException("no eventType: not an SES event")));
        JsonNode mail = root.path("mail");
        String workspaceId = tag(mail, "pm-workspace").orElseThrow(() -> new IllegalArgumentException("no pm-workspace tag on the mail"));
        String messageId = tag(mail, "pm-message").orElseThrow(() -> new IllegalArgumentException("no pm-message tag on the mail"));
        String resourceId = tag(mail, "pm-resource").orElse(null);
        String domain = Optional.ofNullable(mail.path("source").asText(null)).filter(EmailAddresses::isValid)
                .map(EmailAddresses::domainOf).orElse(null);
        String recipient = firstDestination(mail);
        String eventId = envelopeId != null ? envelopeId : "ses-" + Hashing.sha256Hex(root.toString());
        return switch (eventType) {
            case "Send" -> event(eventId, DeliveryEvent.Type.SEND, workspaceId, messageId, resourceId, domain, recipient, root.path("mail").path("timestamp"), null);
            case "Delivery" -> event(eventId, DeliveryEvent.Type.DELIVERY, workspaceId, messageId, resourceId, domain, recipient,
                    root.path("delivery").path("timestamp"), root.path("delivery").path("smtpResponse").asText(null));
            case "Bounce" -> {
                JsonNode bounce = root.path("bounce");
                boolean permanent = "Permanent".equals(bounce.path("bounceType").asText());
                JsonNode first = bounce.path("bouncedRecipients").path(0);
                String address = first.path("emailAddress").asText(recipient);
                String detail = bounce.path("bounceType").asText() + "/" + bounce.path("bounceSubType").asText()
                        + (first.has("diagnosticCode") ? ": " + first.path("diagnosticCode").asText() : "");
                yield event(eventId, permanent ? DeliveryEvent.Type.HARD_BOUNCE : DeliveryEvent.Type.SOFT_BOUNCE, workspaceId, messageId,
                        resourceId, domain, address, bounce.path("timestamp"), detail);
            }
            case "Complaint" -> {
                JsonNode complaint = root.path("complaint");
                String address = complaint.path("complainedRecipients").path(0).path("emailAddress").asText(recipient);
                yield event(eventId, DeliveryEvent.Type.COMPLAINT, workspaceId, messageId, resourceId, domain, address,
                        complaint.path("timestamp"), complaint.path("complaintFeedbackType").asText(null));
            }
            case "DeliveryDelay" -> event(eventId, DeliveryEvent.Type.DELIVERY_DELAY, workspaceId, messageId, resourceId, domain, recipient,
                    root.path("deliveryDelay").path("timestamp"), root.path("deliveryDelay").path("delayType").asText(null));
            case "Reject" -> event(eventId, DeliveryEvent.Type.REJECT, workspaceId, messageId, resourceId, domain, recipient,
                    mail.path("timestamp"), root.path("reject").path("reason").asText(null));
            case "Rendering Failure" -> event(eventId, DeliveryEvent.Type.RENDERING_FAILURE, workspaceId, messageId, resourceId, domain,
                    recipient, mail.path("timestamp"), root.path("failure").path("errorMessage").asText(null));
            case "Open" -> event(eventId, DeliveryEvent.Type.OPEN, workspaceId, messageId, resourceId, domain, recipient,
                    root.path("open").path("timestamp"), root.path("open").path("userAgent").asText(null));
            case "Click" -> event(eventId, DeliveryEvent.Type.CLICK, workspaceId, messageId, resourceId, domain, recipient,
                    root.path("click").path("timestamp"), root.path("click").path("link").asText(null));
            case "Subscription" -> event(eventId, DeliveryEvent.Type.UNSUBSCRIBE, workspaceId, messageId, resourceId, domain, recipient,
                    root.path("subscription").path("timestamp"), "list-unsubscribe via SES");
            default -> throw new IllegalArgumentException("unknown SES eventType " + eventType);
        };
    }

    private static DeliveryEvent event(String eventId, DeliveryEvent.Type type, String workspaceId, String messageId, String resourceId,
                                       String domain, String recipient, JsonNode timestamp, String detail) {
        Instant at = timestamp.isTextual() ? Instant.parse(timestamp.asText()) : null;
        return new DeliveryEvent(eventId, type, workspaceId, messageId, resourceId, domain, lower(recipient), at, detail);
    }

    private static Optional<String> tag(JsonNode mail, String name) {
        JsonNode values = mail.path("tags").path(name);
        if (values.isArray() && !values.isEmpty()) {
            return Optional.of(values.get(0).asText());
        }
        return Optional.empty();
    }

    private static String firstDestination(JsonNode mail) {
        JsonNode destination = mail.path("destination");
        return destination.isArray() && !destination.isEmpty() ? destination.get(0).asText() : null;
    }

    private static Optional<String> text(JsonNode node, String field) {
        return node.hasNonNull(field) ? Optional.of(node.get(field).asText()) : Optional.empty();
    }

    private static JsonNode readInner(String json) {
        try {
            return Json.MAPPER.readTree(json);
        } catch (IOException e) {
            throw new IllegalArgumentException("SNS Message is not JSON", e);
        }
    }

    private static String lower(String value) {
        return value == null ? null : value.strip().toLowerCase(Locale.ROOT);
    }
}
