package com.penguinmails.analytics.recommendations;

import com.penguinmails.analytics.Counts;
import com.penguinmails.analytics.Dimension;
import com.penguinmails.analytics.Granularity;
import com.penguinmails.analytics.RollupQuery;
import com.penguinmails.analytics.RollupReader;
import com.penguinmails.analytics.RollupRow;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** The counts of each group summed over a rolling window ending now: what every rate rule judges. */
final class WindowTotals {

    private WindowTotals() {
    }

    static Map<Map<Dimension, String>, Counts> of(RollupReader reader, String workspaceId, Instant now, Duration window,
                                                  List<Dimension> groupBy, Map<Dimension, String> filters) {
        List<RollupRow> rows = reader.read(new RollupQuery(workspaceId, now.minus(window), now, Granularity.DAY, groupBy, filters));
        Map<Map<Dimension, String>, Counts> totals = new LinkedHashMap<>();
        for (RollupRow row : rows) {
            totals.merge(row.group(), row.counts(), Counts::plus);
        }
        return totals;
    }

    static String isoDays(Duration window) {
        return "P" + window.toDays() + "D";
    }

    static String percent(double rate) {
        return String.format(java.util.Locale.ROOT, "%.2f %%", rate * 100);
    }
}
