package com.penguinmails.analytics.rollups;

import java.time.Instant;
import java.util.List;
import java.util.Optional;

/** Where the roll-ups live: the aggregator's packs, the fold's state, and the hourly counters. */
public interface RollupStore {

    /** Keeps a batch's contributions, as they arrived at {@code arrival}; read back by the fold. */
    void putPack(Instant arrival, List<Contribution> contributions);

    /** The contributions of every pack that arrived after {@code after}, up to and including {@code through}. */
    List<Contribution> packs(Instant after, Instant through);

    Optional<FoldState> foldState();

    /** Stores {@code next} if the stored state is still at {@code next.version() - 1}; false if another run moved it. */
    boolean saveFoldState(FoldState next);

    /** The parts of one hour, by index. */
    List<HourPart> parts(String workspaceId, DimensionSet set, Instant hour);

    /** The parts of every hour from {@code fromHour} up to, not including, {@code toHour}. */
    List<HourPart> parts(String workspaceId, DimensionSet set, Instant fromHour, Instant toHour);

    /** Stores {@code next} if the stored part is still at {@code next.version() - 1}; false otherwise. */
    boolean writePart(HourPart next);
}
