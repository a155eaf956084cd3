package com.penguinmails.analytics;

import java.time.Instant;
import java.util.List;
import java.util.Map;

/**
 * Which counters to read: a workspace's buckets from {@code from} (inclusive) to {@code to} (exclusive), at a
 * granularity, grouped by up to two dimensions and filtered by dimension values.
 */
public record RollupQuery(String workspaceId, Instant from, Instant to, Granularity granularity,
                          List<Dimension> groupBy, Map<Dimension, String> filters) {

    public RollupQuery {
        groupBy = List.copyOf(groupBy);
        filters = Map.copyOf(filters);
    }
}
