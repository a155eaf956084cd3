package com.penguinmails.analytics;

import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;

/**
 * Which counters to read: a workspace's buckets from {@code from} (inclusive) to {@code to} (exclusive), at a
 * granularity, grouped by up to two dimensions and filtered by dimension values. Days, weeks and months begin at
 * midnight in {@code zone} (counters are kept by UTC hour, so any zone of whole-hour offset is exact).
 */
public record RollupQuery(String workspaceId, Instant from, Instant to, Granularity granularity,
                          List<Dimension> groupBy, Map<Dimension, String> filters, ZoneId zone) {

    public RollupQuery {
        groupBy = List.copyOf(groupBy);
        filters = Map.copyOf(filters);
        zone = zone == null ? ZoneOffset.UTC : zone;
    }

    /** In UTC. */
    public RollupQuery(String workspaceId, Instant from, Instant to, Granularity granularity,
                       List<Dimension> groupBy, Map<Dimension, String> filters) {
        this(workspaceId, from, to, granularity, groupBy, filters, ZoneOffset.UTC);
    }
}
