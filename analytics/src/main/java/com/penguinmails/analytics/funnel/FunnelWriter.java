package com.penguinmails.analytics.funnel;

import com.penguinmails.core.events.PlatformEvent;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Moves contacts through their campaigns' funnels from a batch of platform events (the {@code funnel-writer}).
 *
 * <p>The batch's steps are grouped by contact and applied to each contact's entry at once: one read of all entries
 * (a batch get), then one conditional write per contact whose progress changed, none for a contact whose entry
 * already shows every step (a redelivered batch, a delivery after a send). Applying a step keeps the furthest stage
 * and the earliest time of each stage, so order, late events and repeats all end in the same entry: no event-id
 * bookkeeping is needed. A write that finds the entry changed since it was read (another batch wrote it) reads it
 * again and re-applies, a few times; what still fails is reported by event id for the queue to redeliver.
 */
public final class FunnelWriter {

    static final int ATTEMPTS = 5;

    private final FunnelStore store;

    public FunnelWriter(FunnelStore store) {
        this.store = store;
    }

    /**
     * @param writes    entries written (each one conditional put)
     * @param steps     events that said something about a funnel
     * @param failed    event id to cause, for the events whose contact could not be written
     */
    public record Outcome(int writes, int steps, Map<String, RuntimeException> failed) {
    }

    public Outcome record(List<PlatformEvent> events) {
        Map<FunnelKey, List<FunnelStep>> byContact = new LinkedHashMap<>();
        for (PlatformEvent event : events) {
            Optional<FunnelStep> step = FunnelStep.of(event);
            step.ifPresent(s -> byContact.computeIfAbsent(s.key(), k -> new ArrayList<>()).add(s));
        }
        int stepCount = byContact.values().stream().mapToInt(List::size).sum();
        Map<String, RuntimeException> failed = new HashMap<>();
        if (byContact.isEmpty()) {
            return new Outcome(0, 0, failed);
        }
        int writes = 0;
        Map<FunnelKey, FunnelContact> stored;
        try {
            stored = store.load(byContact.keySet());
        } catch (RuntimeException e) {
            byContact.values().forEach(steps -> steps.forEach(s -> failed.put(s.eventId(), e)));
            return new Outcome(0, stepCount, failed);
        }
        for (Map.Entry<FunnelKey, List<FunnelStep>> entry : byContact.entrySet()) {
            FunnelContact current = stored.getOrDefault(entry.getKey(), FunnelContact.empty(entry.getKey()));
            try {
                writes += apply(current, entry.getValue());
            } catch (RuntimeException e) {
                entry.getValue().forEach(s -> failed.put(s.eventId(), e));
            }
        }
        return new Outcome(writes, stepCount, failed);
    }

    /** Writes the contact with its steps applied, if that changes it; the number of writes made (0 or 1). */
    private int apply(FunnelContact current, List<FunnelStep> steps) {
        for (int attempt = 1; ; attempt++) {
            FunnelContact updated = current;
            for (FunnelStep step : steps) {
                updated = updated.with(step);
            }
            if (updated.sameProgress(current) && current.version() > 0) {
                return 0;
            }
            if (store.save(updated)) {
                return 1;
            }
            if (attempt == ATTEMPTS) {
                throw new IllegalStateException("funnel entry " + current.key() + " kept changing under " + ATTEMPTS + " attempts");
            }
            FunnelKey key = current.key();
            current = store.load(List.of(key)).getOrDefault(key, FunnelContact.empty(key));
        }
    }
}
