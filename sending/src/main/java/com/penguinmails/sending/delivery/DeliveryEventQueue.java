package com.penguinmails.sending.delivery;

import java.time.Duration;
import java.util.List;

/**
 * Puts delivery events our own producers found (tracking hits, bounce reports read over IMAP, the local SES stand-in)
 * on the delivery-events queue, in {@link DeliveryEventFormat}.
 */
public interface DeliveryEventQueue {

    /** Queues each event, visible to ingest after {@code delay}; throws when any could not be queued. */
    void queue(DeliveryEventFormat.Origin origin, List<DeliveryEvent> events, Duration delay);

    default void publishMailboxBounces(List<DeliveryEvent> events) {
        queue(DeliveryEventFormat.Origin.MAILBOX_BOUNCE, events, Duration.ZERO);
    }
}
