package com.penguinmails.sending.tracking;

import com.penguinmails.sending.delivery.DeliveryEvent;
import java.time.Instant;

/**
 * The tracking links' adapter: a verified hit on an open pixel, click redirect or one-click unsubscribe as the
 * {@link DeliveryEvent} it means for the message the token names.
 */
public final class TrackingEvents {

    private TrackingEvents() {
    }

    /** {@code detail}: the user agent of an open, the URL of a click, how an unsubscribe was made. */
    public static DeliveryEvent hit(DeliveryEvent.Type type, String eventId, TrackingTokens.Claims claims, Instant at, String detail) {
        return new DeliveryEvent(eventId, type, claims.workspaceId(), claims.messageId(), null, null,
                claims.recipient() == null ? null : claims.recipient().strip().toLowerCase(java.util.Locale.ROOT), at, detail);
    }
}
