package com.penguinmails.sending.delivery;

import java.time.Instant;

/**
 * One thing that happened to a sent message, from SES, an SMTP bounce report or our tracking links, normalised:
 * recipient lower-cased, hard or soft decided at the edge. {@code eventId} is stable across redeliveries.
 */
public record DeliveryEvent(String eventId, Type type, String workspaceId, String messageId, String resourceId,
                            String sendingDomain, String recipient, Instant at, String detail) {

    public enum Type { SEND, DELIVERY, HARD_BOUNCE, SOFT_BOUNCE, COMPLAINT, DELIVERY_DELAY, REJECT, RENDERING_FAILURE,
        OPEN, CLICK, UNSUBSCRIBE }
}
