package com.penguinmails.analytics.rollups;

import com.penguinmails.analytics.Counts;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.function.Consumer;

/**
 * The second half of the roll-ups, on a schedule: adds the packs that arrived since its watermark to the hourly
 * counters, one window at a time, alone (a lease on its state). Within a window every counter item it touches is
 * written once, whatever the number of events: a batch of 100 over 20 campaigns is a write per dimension set, not
 * per event or per campaign.
 * <p>
 * Exact under redelivery and partial failure:
 * <ul>
 *   <li>an event delivered twice (in two packs) counts once: the fold skips ids already in the window or in the packs
 *       of the {@link #LOOK_BACK} before it, longer than the queue's retries take (5 receives of 60 s);</li>
 *   <li>a fold that stops midway resumes the same window (recorded as pending before the first write), and skips the
 *       parts already written for it (their {@code through});</li>
 *   <li>a window ends {@link #SETTLE} before now, longer than the aggregator's timeout, so every pack stamped inside
 *       it is already stored when it is read.</li>
 * </ul>
 */
public final class RollupFold {

    static final Duration SETTLE = Duration.ofSeconds(60);
    static final Duration LOOK_BACK = Duration.ofMinutes(20);
    /** Longest window per pass, so a fold catching up after an outage writes in steps and reports progress. */
    static final Duration MAX_WINDOW = Duration.ofMinutes(5);
    /** Where a first fold starts: nothing older is waiting in packs (they expire after a day). */
    static final Duration FIRST_WINDOW = Duration.ofHours(1);
    static final Duration LEASE = Duration.ofMinutes(2);

    /** What a run did. */
    public record Result(boolean ran, int windows, int events, int duplicates, int partWrites, Instant watermark) {}

    /** One window applied, for progress logs and metrics. */
    public record Progress(Instant from, Instant to, int events, int duplicates, int partWrites) {}

    private final PackStore packs;
    private final CounterStore counters;
    private final Clock clock;

    public RollupFold(PackStore packs, CounterStore counters, Clock clock) {
        this.packs = packs;
        this.counters = counters;
        this.clock = clock;
    }

    /** Folds windows until caught up or {@code budget} is spent; {@code ran} is false when another run holds the lease. */
    public Result run(Duration budget, Consumer<Progress> progress) {
        Instant started = clock.instant();
        Instant deadline = started.plus(budget);
        String owner = UUID.randomUUID().toString();
        FoldState state = packs.foldState()
                .orElse(new FoldState(started.minus(FIRST_WINDOW).truncatedTo(ChronoUnit.MINUTES), null, null, Instant.EPOCH, 0));
        if (state.leaseUntil().isAfter(started)) {
            return new Result(false, 0, 0, 0, 0, state.watermark());
        }
        state = state.withLease(owner, started.plus(LEASE));
        if (!packs.saveFoldState(state)) {
            return new Result(false, 0, 0, 0, 0, state.watermark());
        }
        int windows = 0;
        int events = 0;
        int duplicates = 0;
        int writes = 0;
        // Caught up when every pack that arrived a settling minute before this run began is counted; the windows
        // after that are the next run's, so a run ends instead of chasing the clock in ever smaller windows.
        Instant caughtUp = started.minus(SETTLE);
        Set<String> seen = new HashSet<>();
        packs.packs(state.watermark().minus(LOOK_BACK), state.watermark()).forEach(c -> seen.add(c.eventId()));
        try {
            while (clock.instant().isBefore(deadline)) {
                Instant target = state.pending() != null ? state.pending() : min(caughtUp, state.watermark().plus(MAX_WINDOW));
                if (!target.isAfter(state.watermark())) {
                    break;
                }
                if (state.pending() == null) {
                    state = save(state.withPending(target));
                }
                Progress window = apply(state.watermark(), target, seen);
                state = save(state.applied(target, clock.instant().plus(LEASE)));
                progress.accept(window);
                windows++;
                events += window.events();
                duplicates += window.duplicates();
                writes += window.partWrites();
            }
        } finally {
            packs.saveFoldState(state.released());
        }
        return new Result(true, windows, events, duplicates, writes, state.watermark());
    }

    private FoldState save(FoldState next) {
        if (!packs.saveFoldState(next)) {
            throw new IllegalStateException("the fold's state moved under its lease; the next run resumes the window");
        }
        return next;
    }

    /** Counts the packs of (from, target] whose event ids are not in {@code seen}, adding theirs to it. */
    private Progress apply(Instant from, Instant target, Set<String> seen) {
        List<Contribution> fresh = new ArrayList<>();
        int duplicates = 0;
        for (Contribution contribution : packs.packs(from, target)) {
            if (seen.add(contribution.eventId())) {
                fresh.add(contribution);
            } else {
                duplicates++;
            }
        }
        Map<PartGroup, Map<List<String>, Counts>> byGroup = new LinkedHashMap<>();
        for (Contribution contribution : fresh) {
            Instant hour = contribution.time().truncatedTo(ChronoUnit.HOURS);
            for (DimensionSet set : DimensionSet.KEPT) {
                for (List<String> key : contribution.keysIn(set)) {
                    byGroup.computeIfAbsent(new PartGroup(contribution.workspaceId(), set, hour), g -> new LinkedHashMap<>())
                            .merge(key, contribution.counts(), Counts::plus);
                }
            }
        }
        int writes = 0;
        for (Map.Entry<PartGroup, Map<List<String>, Counts>> group : byGroup.entrySet()) {
            writes += write(group.getKey(), group.getValue(), target);
        }
        return new Progress(from, target, fresh.size(), duplicates, writes);
    }

    private record PartGroup(String workspaceId, DimensionSet set, Instant hour) {}

    /** Adds one hour's counts to its parts: each part written at most once, new values where there is room. */
    private int write(PartGroup group, Map<List<String>, Counts> added, Instant target) {
        List<HourPart> parts = new ArrayList<>(counters.parts(group.workspaceId(), group.set(), group.hour()));
        Map<List<String>, Integer> partOf = new HashMap<>();
        for (HourPart part : parts) {
            part.values().keySet().forEach(key -> partOf.put(key, part.index()));
        }
        Map<Integer, Map<List<String>, Counts>> additions = new LinkedHashMap<>();
        Map<Integer, Integer> newValues = new HashMap<>();
        for (Map.Entry<List<String>, Counts> entry : added.entrySet()) {
            Integer index = partOf.get(entry.getKey());
            if (index == null) {
                index = roomFor(parts, newValues, target, group);
                newValues.merge(index, 1, Integer::sum);
            }
            additions.computeIfAbsent(index, i -> new LinkedHashMap<>()).put(entry.getKey(), entry.getValue());
        }
        int writes = 0;
        for (Map.Entry<Integer, Map<List<String>, Counts>> addition : additions.entrySet()) {
            HourPart part = parts.get(addition.getKey());
            if (part.hasApplied(target)) {
                continue; // written for this window before the fold stopped
            }
            if (!counters.writePart(part.plus(addition.getValue(), target))) {
                throw new IllegalStateException("part " + part.index() + " of " + group + " changed under the fold's lease");
            }
            writes++;
        }
        return writes;
    }

    /**
     * The part a new value goes to: one not yet written for this window (a value in one written for it is not new),
     * with room left after this window's other new values, or a new part.
     */
    private static int roomFor(List<HourPart> parts, Map<Integer, Integer> newValues, Instant target, PartGroup group) {
        for (HourPart part : parts) {
            if (!part.hasApplied(target) && part.values().size() + newValues.getOrDefault(part.index(), 0) < HourPart.MAX_VALUES) {
                return part.index();
            }
        }
        HourPart created = HourPart.empty(group.workspaceId(), group.set(), group.hour(), parts.size());
        parts.add(created);
        return created.index();
    }

    private static Instant min(Instant a, Instant b) {
        return a.isBefore(b) ? a : b;
    }
}
