package com.penguinmails.analytics.insights;

import com.penguinmails.analytics.Counts;
import com.penguinmails.analytics.Dimension;
import com.penguinmails.analytics.Granularity;
import com.penguinmails.analytics.Metric;
import com.penguinmails.analytics.Rate;
import com.penguinmails.analytics.RollupQuery;
import com.penguinmails.analytics.RollupReader;
import com.penguinmails.analytics.RollupRow;
import java.time.DayOfWeek;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.time.temporal.ChronoUnit;
import java.time.temporal.TemporalAdjusters;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * A metric (counter or rate) per bucket, read as workspace totals from the roll-ups. Empty buckets count 0; for a
 * rate, a bucket with nothing below the line is left out rather than read as 0 %.
 */
public final class MetricSeries {

    /** What is being measured: exactly one of metric or rate. */
    public record Measure(String wireName, Optional<Metric> metric, Optional<Rate> rate) {

        public boolean isRate() {
            return rate.isPresent();
        }

        /** Empty for a name that is neither a Metric nor a Rate wire name. */
        public static Optional<Measure> fromWire(String name) {
            Optional<Metric> metric = Metric.fromWire(name);
            if (metric.isPresent()) {
                return Optional.of(new Measure(name, metric, Optional.empty()));
            }
            return Rate.fromWire(name).map(r -> new Measure(name, Optional.empty(), Optional.of(r)));
        }

        public static String validNames() {
            return Metric.wireNames() + ", " + Rate.wireNames();
        }
    }

    /** Bucket starts and their values, oldest first (same length). */
    public record Values(List<Instant> starts, double[] values) {
    }

    private MetricSeries() {
    }

    public static Values read(RollupReader reader, String workspaceId, Measure measure, Instant from, Instant to,
                              Granularity granularity, Map<Dimension, String> filters) {
        Instant first = bucketStart(from, granularity);
        List<RollupRow> rows = reader.read(new RollupQuery(workspaceId, first, to, granularity, List.of(), filters));
        Map<Instant, Counts> byStart = new HashMap<>();
        for (RollupRow row : rows) {
            byStart.merge(row.start(), row.counts(), Counts::plus);
        }
        List<Instant> starts = new ArrayList<>();
        List<Double> values = new ArrayList<>();
        for (Instant start = first; start.isBefore(to); start = next(start, granularity)) {
            Counts counts = byStart.getOrDefault(start, Counts.ZERO);
            if (measure.metric().isPresent()) {
                starts.add(start);
                values.add((double) counts.get(measure.metric().get()));
            } else {
                var rate = measure.rate().get().of(counts);
                if (rate.isPresent()) {
                    starts.add(start);
                    values.add(rate.getAsDouble());
                }
            }
        }
        return new Values(List.copyOf(starts), values.stream().mapToDouble(Double::doubleValue).toArray());
    }

    public static Instant bucketStart(Instant instant, Granularity granularity) {
        ZonedDateTime utc = instant.atZone(ZoneOffset.UTC);
        return switch (granularity) {
            case HOUR -> utc.truncatedTo(ChronoUnit.HOURS).toInstant();
            case DAY -> utc.truncatedTo(ChronoUnit.DAYS).toInstant();
            case WEEK -> utc.truncatedTo(ChronoUnit.DAYS)
                    .with(TemporalAdjusters.previousOrSame(DayOfWeek.MONDAY)).toInstant();
            case MONTH -> utc.truncatedTo(ChronoUnit.DAYS).withDayOfMonth(1).toInstant();
        };
    }

    public static Instant next(Instant start, Granularity granularity) {
        ZonedDateTime utc = start.atZone(ZoneOffset.UTC);
        return switch (granularity) {
            case HOUR -> utc.plusHours(1).toInstant();
            case DAY -> utc.plusDays(1).toInstant();
            case WEEK -> utc.plusWeeks(1).toInstant();
            case MONTH -> utc.plusMonths(1).toInstant();
        };
    }
}
