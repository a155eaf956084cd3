package com.penguinmails.sending.messages;

import com.penguinmails.core.events.EventType;
import com.penguinmails.core.events.MessageEventData;
import com.penguinmails.core.events.PlatformEvent;
import com.penguinmails.core.events.PlatformEvents;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Optional;

/**
 * Builds the {@code message.*} platform events. The id comes from the type, the message and what identifies the
 * change ({@code idParts}: the delivery event's id, or the send attempt), and the time from the state change itself,
 * so a producer that republishes after a redelivery emits the very same event.
 */
public final class MessageEvents {

    private MessageEvents() {
    }

    /** The data every message event carries, before the type-specific parts. */
    public static MessageEventData about(Message message, String resourceId, String sendingDomain, String deliveryEventId,
                                         String bounceType, String url, String detail) {
        return new MessageEventData(message.id(), message.to(), message.campaignId(), message.tags(),
                resourceId != null ? resourceId : message.resourceId(), sendingDomain, deliveryEventId, bounceType, url, detail,
                message.pool(), sentAt(message).orElse(null), null, null);
    }

    /** When the transport accepted the message: its last SENT step. */
    public static Optional<Instant> sentAt(Message message) {
        return message.timeline().stream().filter(e -> e.status() == MessageStatus.SENT).map(TimelineEntry::at)
                .reduce((first, second) -> second);
    }

    public static PlatformEvent event(EventType type, String source, Instant time, Message message, MessageEventData data,
                                      String... idParts) {
        String[] parts = new String[idParts.length + 3];
        parts[0] = type.wireName();
        parts[1] = message.workspaceId();
        parts[2] = message.id();
        System.arraycopy(idParts, 0, parts, 3, idParts.length);
        return PlatformEvent.builder(type).id(PlatformEvent.idFor(parts)).source(source)
                // Stores keep times to the millisecond; the event of a change found already made must be the same event.
                .time(time.truncatedTo(ChronoUnit.MILLIS)).subject(message.id())
                .workspaceId(message.workspaceId()).correlationId(PlatformEvents.currentCorrelationId())
                .data(PlatformEvents.data(data)).build();
    }
}
