package com.penguinmails.analytics.funnel;

import com.fasterxml.jackson.databind.JsonNode;
import com.penguinmails.core.events.PlatformEvent;
import java.time.Instant;
import java.util.Locale;
import java.util.Optional;

/**
 * What one platform event says about a contact's funnel: on this channel, in this campaign, it reached this stage
 * at the event's time. Events of no campaign, and events that say nothing about the funnel (bounces, deferrals,
 * a privacy proxy's open, custom channel types), make no step.
 */
public record FunnelStep(String eventId, FunnelKey key, String channel, FunnelStage stage, Instant at) {

    public static final String EMAIL = "email";

    public static Optional<FunnelStep> of(PlatformEvent event) {
        String type = event.type().wireName();
        JsonNode data = event.data();
        String campaignId = text(data, "campaignId");
        if (campaignId == null) {
            return Optional.empty();
        }
        if (type.startsWith("message.")) {
            String recipient = text(data, "recipient");
            boolean machine = data.path("machine").asBoolean(false);
            FunnelStage stage = switch (type.substring("message.".length())) {
                case "sent", "delivered" -> FunnelStage.REACHED;
                // A privacy proxy's open or a link scanner's click says nothing about the reader.
                case "opened", "clicked" -> machine ? null : FunnelStage.ENGAGED;
                case "replied" -> FunnelStage.REPLIED;
                default -> null;
            };
            return stage == null || recipient == null ? Optional.empty()
                    : Optional.of(new FunnelStep(event.id(), new FunnelKey(event.workspaceId(), campaignId, recipient.toLowerCase(Locale.ROOT)),
                    EMAIL, stage, event.time()));
        }
        if (type.equals("channel.activity")) {
            String contact = text(data, "contact");
            String channel = text(data, "channel");
            FunnelStage stage = switch (String.valueOf(text(data, "type"))) {
                case "sent", "delivered" -> FunnelStage.REACHED;
                case "opened", "clicked", "connected" -> FunnelStage.ENGAGED;
                case "replied" -> FunnelStage.REPLIED;
                case "meeting-booked" -> FunnelStage.MEETING;
                default -> null;
            };
            return stage == null || contact == null || channel == null ? Optional.empty()
                    : Optional.of(new FunnelStep(event.id(), new FunnelKey(event.workspaceId(), campaignId, contact), channel, stage, event.time()));
        }
        return Optional.empty();
    }

    private static String text(JsonNode data, String field) {
        JsonNode node = data.get(field);
        return node == null || node.isNull() || node.asText().isBlank() ? null : node.asText();
    }
}
