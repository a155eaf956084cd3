package com.penguinmails.analytics.insights;

import com.penguinmails.analytics.Dimension;
import com.penguinmails.analytics.Granularity;
import com.penguinmails.analytics.Rate;
import com.penguinmails.analytics.RollupReader;
import com.penguinmails.analytics.insights.MetricSeries.Measure;
import com.penguinmails.analytics.insights.MetricSeries.Values;
import com.penguinmails.analytics.stats.Forecast;
import com.penguinmails.analytics.stats.ForecastResult;
import com.penguinmails.analytics.stats.Forecaster;
import com.penguinmails.analytics.stats.ThresholdCrossing;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Daily forecast of one metric from the last eight weeks, with when it is expected to cross the deliverability
 * lines (numbers from shared/reference/deliverability.md: complaints 0.1 % / 0.3 % / 0.5 %, bounces 5 % / 10 %).
 */
public final class ForecastService {

    public static final int SEASON = 7;
    public static final Duration HISTORY = Duration.ofDays(56);

    private final RollupReader reader;
    private final Clock clock;

    public ForecastService(RollupReader reader, Clock clock) {
        this.reader = reader;
        this.clock = clock;
    }

    public record Threshold(String name, double value) {
    }

    /** Dates are bucket starts; crossing empty means "not within the horizon". */
    public record ThresholdReport(Threshold threshold, Optional<Instant> expected, Optional<Instant> earliest,
                                  Optional<Instant> latest) {

        public boolean withinHorizon() {
            return earliest.isPresent();
        }
    }

    public record ForecastReport(Measure measure, Values history, ForecastResult result, List<Instant> starts,
                                 List<ThresholdReport> thresholds) {
    }

    public static int maximumHorizon() {
        return Forecaster.maximumHorizon(SEASON);
    }

    public static List<Threshold> thresholds(Measure measure) {
        if (measure.rate().isEmpty()) {
            return List.of();
        }
        Rate rate = measure.rate().get();
        return switch (rate) {
            case COMPLAINT_RATE -> List.of(new Threshold("gmail-yahoo-recommended", 0.001),
                    new Threshold("gmail-yahoo-maximum", 0.003), new Threshold("pause", 0.005));
            case BOUNCE_RATE, HARD_BOUNCE_RATE -> List.of(new Threshold("warn", 0.05), new Threshold("pause", 0.10));
            default -> List.of();
        };
    }

    public ForecastReport forecast(String workspaceId, Measure measure, int horizon, Map<Dimension, String> filters) {
        if (horizon < 1 || horizon > maximumHorizon()) {
            throw new IllegalArgumentException("horizon must be between 1 and " + maximumHorizon());
        }
        // Up to the start of today: today's bucket is still filling and would read as a drop.
        Instant end = MetricSeries.bucketStart(clock.instant(), Granularity.DAY);
        Values history = MetricSeries.read(reader, workspaceId, measure, end.minus(HISTORY), end, Granularity.DAY,
                filters);
        ForecastResult result = Forecaster.forecast(history.values(), SEASON, horizon, measure.isRate());
        List<Instant> starts = new ArrayList<>();
        Instant start = end;
        for (int step = 1; step <= horizon; step++) {
            starts.add(start);
            start = MetricSeries.next(start, Granularity.DAY);
        }
        List<ThresholdReport> reports = new ArrayList<>();
        if (result instanceof Forecast forecast) {
            for (Threshold threshold : thresholds(measure)) {
                var crossing = ThresholdCrossing.first(forecast, threshold.value());
                reports.add(new ThresholdReport(threshold,
                        crossing.flatMap(c -> c.expectedStep()).map(s -> starts.get(s - 1)),
                        crossing.map(c -> starts.get(c.earliestStep() - 1)),
                        crossing.flatMap(c -> c.latestStep()).map(s -> starts.get(s - 1))));
            }
        }
        return new ForecastReport(measure, history, result, List.copyOf(starts), List.copyOf(reports));
    }
}
