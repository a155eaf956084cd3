package com.penguinmails.analytics.insights;

import com.penguinmails.analytics.Dimension;
import com.penguinmails.analytics.Granularity;
import com.penguinmails.analytics.RollupReader;
import com.penguinmails.analytics.insights.MetricSeries.Measure;
import com.penguinmails.analytics.insights.MetricSeries.Values;
import com.penguinmails.analytics.stats.TrendAnalysis;
import com.penguinmails.analytics.stats.TrendAnalysis.Trend;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;

/** Trend of one metric over a window of roll-up buckets. */
public final class TrendService {

    public static final Duration DEFAULT_WINDOW = Duration.ofDays(28);

    private final RollupReader reader;
    private final Clock clock;

    public TrendService(RollupReader reader, Clock clock) {
        this.reader = reader;
        this.clock = clock;
    }

    public record TrendReport(Measure measure, Granularity granularity, Values series, Trend trend) {
    }

    /** from/to may be null: the last 28 days up to now. */
    public TrendReport trend(String workspaceId, Measure measure, Instant from, Instant to, Granularity granularity,
                             Map<Dimension, String> filters) {
        Instant end = to != null ? to : clock.instant();
        Instant start = from != null ? from : end.minus(DEFAULT_WINDOW);
        if (start.isAfter(end)) {
            throw new IllegalArgumentException("from must not be after to");
        }
        Values series = MetricSeries.read(reader, workspaceId, measure, start, end, granularity, filters);
        return new TrendReport(measure, granularity, series, TrendAnalysis.analyze(series.values()));
    }
}
