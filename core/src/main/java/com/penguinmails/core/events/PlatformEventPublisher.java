package com.penguinmails.core.events;

import java.util.List;

/**
 * The one port every producer publishes platform events through. In AWS it is an SNS topic that fans out to the
 * consumers' queues by their catalog patterns; locally the same SNS protocol is served by the embedded stand-in.
 * Delivery is at least once; ids are stable, and consumers de-duplicate by them.
 */
public interface PlatformEventPublisher {

    /** Publishes every event, or throws: a caller that gets no exception knows all of them are on their way. */
    void publish(List<PlatformEvent> events);

    default void publish(PlatformEvent event) {
        publish(List.of(event));
    }

    /** For code paths that have no consumer yet (and tests that do not look). */
    PlatformEventPublisher NONE = events -> { };
}
