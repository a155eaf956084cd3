package com.penguinmails.analytics.rollups;

import com.penguinmails.core.events.PlatformEvent;
import java.time.Clock;
import java.util.List;
import java.util.Optional;

/**
 * The first half of the roll-ups, on the event queue: turns a batch of platform events into what they count and keeps
 * it as one pack (one write per batch, whatever it holds). The counters themselves are written by {@link RollupFold},
 * alone, so no two writers ever race on a counter and each event is counted once by its id.
 */
public final class RollupAggregator {

    /** Contributions per pack: a few hundred bytes of JSON each, compressed; a pack stays far under 400 KB. */
    static final int PACK_SIZE = 500;

    private final PackStore store;
    private final Clock clock;

    public RollupAggregator(PackStore store, Clock clock) {
        this.store = store;
        this.clock = clock;
    }

    /** How many of the events count for something; the others (a key rotated, an IP paused) are left out. */
    public int record(List<PlatformEvent> events) {
        List<Contribution> contributions = events.stream().map(EventContributions::of).flatMap(Optional::stream).toList();
        for (int start = 0; start < contributions.size(); start += PACK_SIZE) {
            store.putPack(clock.instant(), contributions.subList(start, Math.min(contributions.size(), start + PACK_SIZE)));
        }
        return contributions.size();
    }
}
