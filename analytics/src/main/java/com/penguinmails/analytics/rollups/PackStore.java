package com.penguinmails.analytics.rollups;

import java.time.Instant;
import java.util.List;
import java.util.Optional;

/** The aggregator's packs and the fold's state: what is waiting to be counted and how far the counting got. */
public interface PackStore {

    /** Keeps a batch's contributions, as they arrived at {@code arrival}; read back by the fold. */
    void putPack(Instant arrival, List<Contribution> contributions);

    /** The contributions of every pack that arrived after {@code after}, up to and including {@code through}. */
    List<Contribution> packs(Instant after, Instant through);

    Optional<FoldState> foldState();

    /** Stores {@code next} if the stored state is still at {@code next.version() - 1}; false if another run moved it. */
    boolean saveFoldState(FoldState next);
}
