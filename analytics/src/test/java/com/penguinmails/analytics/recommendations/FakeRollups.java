package com.penguinmails.analytics.recommendations;

import com.penguinmails.analytics.Counts;
import com.penguinmails.analytics.Dimension;
import com.penguinmails.analytics.Metric;
import com.penguinmails.analytics.RollupQuery;
import com.penguinmails.analytics.RollupReader;
import com.penguinmails.analytics.RollupRow;
import java.time.Instant;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;

/** Roll-up rows the test puts in: each row answers queries grouped by exactly its dimensions, inside the range. */
final class FakeRollups implements RollupReader {

    private final List<RollupRow> rows = new ArrayList<>();
    final List<RollupQuery> queries = new ArrayList<>();

    FakeRollups add(Map<Dimension, String> group, Instant at, Counts counts) {
        rows.add(new RollupRow(group, at, counts));
        return this;
    }

    @Override
    public List<RollupRow> read(RollupQuery query) {
        queries.add(query);
        return rows.stream()
                .filter(r -> r.group().keySet().equals(new java.util.HashSet<>(query.groupBy())) || (query.groupBy().isEmpty() && r.group().isEmpty()))
                .filter(r -> query.filters().entrySet().stream().allMatch(f -> f.getValue().equals(r.group().get(f.getKey()))))
                .filter(r -> !r.start().isBefore(query.from()) && r.start().isBefore(query.to()))
                .toList();
    }

    static Counts counts(Object... metricAndValue) {
        Map<Metric, Long> values = new EnumMap<>(Metric.class);
        for (int i = 0; i < metricAndValue.length; i += 2) {
            values.put((Metric) metricAndValue[i], ((Number) metricAndValue[i + 1]).longValue());
        }
        return new Counts(values);
    }
}
