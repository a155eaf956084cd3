package com.penguinmails.analytics.stats;

import java.util.List;
import java.util.Optional;

/** When a forecast reaches a threshold: expected (mean), earliest (upper 95 %) and latest (lower 95 %). */
public final class ThresholdCrossing {

    private ThresholdCrossing() {
    }

    public static Optional<Crossing> first(Forecast forecast, double threshold) {
        Integer expected = null;
        Integer earliest = null;
        Integer latest = null;
        for (ForecastPoint point : forecast.points()) {
            if (expected == null && point.mean() >= threshold) {
                expected = point.step();
            }
            if (earliest == null && point.high95() >= threshold) {
                earliest = point.step();
            }
            if (latest == null && point.low95() >= threshold) {
                latest = point.step();
            }
        }
        if (earliest == null) {
            // Not even the optimistic bound reaches it: nothing to report within the horizon.
            return Optional.empty();
        }
        return Optional.of(new Crossing(Optional.ofNullable(expected), earliest, Optional.ofNullable(latest)));
    }

    /** True when the latest observed value is already at or above the threshold. */
    public static boolean aboveNow(double[] history, double threshold) {
        return history.length > 0 && history[history.length - 1] >= threshold;
    }

    /** Steps are 1-based forecast steps; expected and latest may be absent when only the upper bound crosses. */
    public record Crossing(Optional<Integer> expectedStep, int earliestStep, Optional<Integer> latestStep) {
    }

    static List<ForecastPoint> points(Forecast forecast) {
        return forecast.points();
    }
}
