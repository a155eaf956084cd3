package com.penguinmails.sending.delivery;

import java.util.List;

/** Puts delivery events we found ourselves (bounce reports read over IMAP) on the delivery-events queue. */
public interface DeliveryEventQueue {

    /** Queues each event (in the {@link MailboxBounceEvent} format); throws when any could not be queued. */
    void publishMailboxBounces(List<DeliveryEvent> events);
}
