package com.penguinmails.core.events;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * Holds what a unit of work publishes and hands it to the real publisher in one call at {@link #flush}: a function
 * that publishes one event per SQS message (the sender: one {@code message.sent} per mail) then makes one SNS
 * PublishBatch request per ten events instead of one per event, a tenth of the publish requests SNS bills.
 * <p>
 * Nothing is on its way until {@link #flush} returns, so flush before the trigger is acknowledged; if it throws, fail
 * the whole invocation: the redelivered messages find their state changes made and publish them again (producers
 * give such an event the same id), which is the contract every producer keeps anyway. Thread-safe.
 */
public final class PlatformEventBuffer implements PlatformEventPublisher {

    private final PlatformEventPublisher target;
    private final List<PlatformEvent> held = new ArrayList<>();

    public PlatformEventBuffer(PlatformEventPublisher target) {
        this.target = Objects.requireNonNull(target, "target");
    }

    @Override
    public synchronized void publish(List<PlatformEvent> events) {
        held.addAll(events);
    }

    /** Publishes everything held, in the order it came; what was held is cleared only once it is published. */
    public void flush() {
        List<PlatformEvent> toPublish;
        synchronized (this) {
            if (held.isEmpty()) {
                return;
            }
            toPublish = List.copyOf(held);
        }
        target.publish(toPublish);
        synchronized (this) {
            held.subList(0, toPublish.size()).clear();
        }
    }
}
