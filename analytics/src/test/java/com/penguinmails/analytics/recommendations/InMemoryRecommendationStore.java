package com.penguinmails.analytics.recommendations;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** The store as a map, with the same version check the DynamoDB adapter makes. */
final class InMemoryRecommendationStore implements RecommendationStore {

    final Map<String, Recommendation> items = new LinkedHashMap<>();

    @Override
    public List<Recommendation> list(String workspaceId) {
        return new ArrayList<>(items.values().stream().filter(r -> r.workspaceId().equals(workspaceId)).toList());
    }

    @Override
    public boolean save(Recommendation recommendation, long expectedVersion) {
        String key = recommendation.workspaceId() + "/" + recommendation.id();
        Recommendation current = items.get(key);
        long version = current == null ? 0 : current.version();
        if (version != expectedVersion) {
            return false;
        }
        items.put(key, recommendation.toBuilder().version(expectedVersion + 1).build());
        return true;
    }

    Recommendation only(RecommendationType type) {
        return items.values().stream().filter(r -> r.type() == type).reduce((a, b) -> {
            throw new AssertionError("more than one " + type);
        }).orElseThrow(() -> new AssertionError("no " + type + " in " + items.values()));
    }
}
