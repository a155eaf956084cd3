package com.penguinmails.analytics.kpis;

import com.penguinmails.analytics.Counts;
import com.penguinmails.analytics.Dimension;
import java.time.Instant;
import java.util.List;
import java.util.Map;

/**
 * The counters of a period: in total and per bucket, and the same per group. Every bucket of the period is listed,
 * zeros included, so a chart's axis has no gaps. Rates are computed from these counts by whoever shows them
 * ({@link com.penguinmails.analytics.Rate}), so a rate and its numerator and denominator never disagree.
 */
public record KpiReport(KpiRequest request, Counts totals, List<Bucket> series, List<Group> groups) {

    public record Bucket(Instant start, Counts counts) {}

    public record Group(Map<Dimension, String> key, Counts counts, List<Bucket> series) {

        public Group {
            key = Map.copyOf(key);
            series = List.copyOf(series);
        }
    }

    public KpiReport {
        series = List.copyOf(series);
        groups = List.copyOf(groups);
    }
}
