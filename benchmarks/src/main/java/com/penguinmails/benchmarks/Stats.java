package com.penguinmails.benchmarks;

import java.util.Arrays;
import java.util.List;

/** Median and percentiles of measured values (nearest rank, so every figure is a value that was really measured). */
final class Stats {

    private Stats() {
    }

    static long median(List<Long> values) {
        return percentile(values, 50);
    }

    static long percentile(List<Long> values, double percent) {
        return percentile(values.stream().mapToLong(Long::longValue).toArray(), percent);
    }

    static long percentile(long[] values, double percent) {
        if (values.length == 0) {
            throw new IllegalArgumentException("no values");
        }
        long[] sorted = values.clone();
        Arrays.sort(sorted);
        int rank = (int) Math.ceil(percent / 100.0 * sorted.length);
        return sorted[Math.max(0, Math.min(sorted.length - 1, rank - 1))];
    }

    static long max(long[] values) {
        return Arrays.stream(values).max().orElseThrow();
    }

    /** Milliseconds with one decimal, from nanoseconds. */
    static String millis(long nanos) {
        return String.format(java.util.Locale.ROOT, "%.1f", nanos / 1_000_000.0);
    }
}
