package com.penguinmails.analytics;

import java.util.EnumMap;
import java.util.Map;

/** Counters by metric; a metric never counted is zero. Immutable. */
public record Counts(Map<Metric, Long> values) {

    public static final Counts ZERO = new Counts(Map.of());

    public Counts {
        EnumMap<Metric, Long> copy = new EnumMap<>(Metric.class);
        values.forEach((metric, value) -> {
            if (value != null && value != 0) {
                copy.put(metric, value);
            }
        });
        values = java.util.Collections.unmodifiableMap(copy);
    }

    public static Counts of(Metric metric, long value) {
        return new Counts(Map.of(metric, value));
    }

    public long get(Metric metric) {
        return values.getOrDefault(metric, 0L);
    }

    public Counts plus(Counts other) {
        EnumMap<Metric, Long> sum = new EnumMap<>(Metric.class);
        sum.putAll(values);
        other.values.forEach((metric, value) -> sum.merge(metric, value, Long::sum));
        return new Counts(sum);
    }

    public boolean isZero() {
        return values.isEmpty();
    }
}
