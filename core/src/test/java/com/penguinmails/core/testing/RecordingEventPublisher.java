package com.penguinmails.core.testing;

import com.penguinmails.core.events.EventType;
import com.penguinmails.core.events.PlatformEvent;
import com.penguinmails.core.events.PlatformEventPublisher;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * An in-memory {@link PlatformEventPublisher} for tests: keeps every event published, in order, with duplicates (what
 * the bus would carry), and {@link #delivered()} is what a consumer that de-duplicates by id keeps. {@link #failNext}
 * makes publishing throw, as a function that dies between its state change and its publish would not publish.
 * Every event published is checked against its type's JSON Schema ({@link EventSchemas}): a producer's test that
 * emits data its schema does not describe fails.
 */
public final class RecordingEventPublisher implements PlatformEventPublisher {

    /** What a failing publish throws. */
    public static final class PublishFailed extends RuntimeException {
        PublishFailed() {
            super("injected: the function stopped before it published");
        }
    }

    private final List<PlatformEvent> published = new ArrayList<>();
    private int failures;
    private int calls;

    @Override
    public synchronized void publish(List<PlatformEvent> events) {
        calls++;
        // Every event any producer's test publishes is checked against its type's schema (see AsyncApiContractTest).
        events.forEach(EventSchemas::requireValid);
        if (failures > 0) {
            failures--;
            throw new PublishFailed();
        }
        published.addAll(events);
    }

    /** How many times {@link #publish} was called, failed calls included: what a producer's batching saves. */
    public synchronized int calls() {
        return calls;
    }

    /** The next {@code times} publish calls throw and publish nothing. */
    public synchronized RecordingEventPublisher failNext(int times) {
        failures = times;
        return this;
    }

    /** Every event published, redeliveries included. */
    public synchronized List<PlatformEvent> published() {
        return List.copyOf(published);
    }

    public synchronized List<PlatformEvent> published(EventType type) {
        return published.stream().filter(e -> e.type() == type).toList();
    }

    /**
     * What a consumer that de-duplicates by id keeps: the first event of each id. Throws if two events share an id
     * but differ otherwise (a republished event must be the same event; the correlation id may differ).
     */
    public synchronized List<PlatformEvent> delivered() {
        Map<String, PlatformEvent> byId = new LinkedHashMap<>();
        for (PlatformEvent event : published) {
            PlatformEvent first = byId.putIfAbsent(event.id(), event);
            if (first != null && !sameEvent(first, event)) {
                throw new AssertionError("two events with id " + event.id() + " differ:\n  " + first + "\n  " + event);
            }
        }
        return List.copyOf(byId.values());
    }

    public synchronized List<PlatformEvent> delivered(EventType type) {
        return delivered().stream().filter(e -> e.type() == type).toList();
    }

    public synchronized void clear() {
        published.clear();
    }

    private static boolean sameEvent(PlatformEvent a, PlatformEvent b) {
        return a.source().equals(b.source()) && a.type() == b.type() && a.time().equals(b.time())
                && java.util.Objects.equals(a.subject(), b.subject()) && a.workspaceId().equals(b.workspaceId()) && a.data().equals(b.data());
    }

    /** Every event any recorder kept, for tests that check all emitted events at once. */
    public static List<PlatformEvent> all(Collection<RecordingEventPublisher> recorders) {
        return recorders.stream().flatMap(r -> r.published().stream()).toList();
    }
}
