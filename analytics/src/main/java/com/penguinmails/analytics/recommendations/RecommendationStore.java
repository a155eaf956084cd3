package com.penguinmails.analytics.recommendations;

import java.util.List;

/** A workspace's recommendations, open and fixed (few: one per type and resource). */
public interface RecommendationStore {

    List<Recommendation> list(String workspaceId);

    /**
     * Writes {@code recommendation} if the stored one is still at {@code expectedVersion} (0: none stored yet); the
     * stored item then has version {@code expectedVersion + 1}. False when another evaluation wrote first.
     */
    boolean save(Recommendation recommendation, long expectedVersion);
}
