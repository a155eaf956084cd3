package com.penguinmails.analytics;

import java.time.Instant;
import java.util.Map;

/** One bucket of one group: {@code group} holds the value of each grouped-by dimension (empty for the totals). */
public record RollupRow(Map<Dimension, String> group, Instant start, Counts counts) {

    public RollupRow {
        group = Map.copyOf(group);
    }
}
