package com.penguinmails.analytics.stats;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.apache.commons.math3.stat.regression.SimpleRegression;

/**
 * Describes a series of per-bucket values: trailing moving average, the last window against the one before,
 * a least-squares slope with its 95 % interval, and robust anomalies (median +/- 3 scaled MADs).
 */
public final class TrendAnalysis {

    public static final int DEFAULT_WINDOW = 7;
    /** Scale that makes the MAD a consistent estimator of the standard deviation for normal data. */
    static final double MAD_SCALE = 1.4826;
    static final double ANOMALY_MADS = 3.0;
    static final int MINIMUM_SLOPE_POINTS = 3;

    private TrendAnalysis() {
    }

    public static Trend analyze(double[] values) {
        return analyze(values, DEFAULT_WINDOW);
    }

    public static Trend analyze(double[] values, int window) {
        if (window < 1) {
            throw new IllegalArgumentException("window must be at least 1, was " + window);
        }
        List<Point> points = new ArrayList<>(values.length);
        double running = 0;
        for (int i = 0; i < values.length; i++) {
            running += values[i];
            if (i >= window) {
                running -= values[i - window];
            }
            // NaN until a full window exists, so a half-filled average is never mistaken for a real one.
            double average = i + 1 >= window ? running / window : Double.NaN;
            points.add(new Point(i, values[i], average));
        }
        return new Trend(points, periodChange(values, window), slope(values), anomalies(values));
    }

    static PeriodChange periodChange(double[] values, int window) {
        int n = values.length;
        Double current = n >= window ? mean(values, n - window, n) : null;
        Double previous = n >= 2 * window ? mean(values, n - 2 * window, n - window) : null;
        Double change = current != null && previous != null && previous != 0 ? (current - previous) / previous : null;
        return new PeriodChange(current, previous, change);
    }

    static SlopeResult slope(double[] values) {
        if (values.length < MINIMUM_SLOPE_POINTS) {
            return new NotEnoughPoints(values.length, MINIMUM_SLOPE_POINTS);
        }
        SimpleRegression regression = new SimpleRegression();
        for (int i = 0; i < values.length; i++) {
            regression.addData(i, values[i]);
        }
        double slope = regression.getSlope();
        double halfWidth = regression.getSlopeConfidenceInterval(0.05);
        double p = regression.getSignificance();
        if (Double.isNaN(halfWidth)) {
            // A perfectly flat or perfectly straight series has no residual spread.
            halfWidth = 0;
        }
        if (Double.isNaN(p)) {
            p = slope == 0 ? 1.0 : 0.0;
        }
        return new Slope(slope, slope - halfWidth, slope + halfWidth, p, p < 0.05);
    }

    static List<Anomaly> anomalies(double[] values) {
        if (values.length < MINIMUM_SLOPE_POINTS) {
            return List.of();
        }
        double median = median(values);
        double[] deviations = new double[values.length];
        for (int i = 0; i < values.length; i++) {
            deviations[i] = Math.abs(values[i] - median);
        }
        double mad = median(deviations);
        if (mad == 0) {
            // More than half the points are identical: any band would be zero-width, so flag nothing.
            return List.of();
        }
        double low = median - ANOMALY_MADS * MAD_SCALE * mad;
        double high = median + ANOMALY_MADS * MAD_SCALE * mad;
        List<Anomaly> anomalies = new ArrayList<>();
        for (int i = 0; i < values.length; i++) {
            if (values[i] > high) {
                anomalies.add(new Anomaly(i, values[i], low, high, Direction.ABOVE));
            } else if (values[i] < low) {
                anomalies.add(new Anomaly(i, values[i], low, high, Direction.BELOW));
            }
        }
        return List.copyOf(anomalies);
    }

    static double median(double[] values) {
        double[] sorted = values.clone();
        Arrays.sort(sorted);
        int n = sorted.length;
        return n % 2 == 1 ? sorted[n / 2] : (sorted[n / 2 - 1] + sorted[n / 2]) / 2;
    }

    private static double mean(double[] values, int from, int to) {
        double sum = 0;
        for (int i = from; i < to; i++) {
            sum += values[i];
        }
        return sum / (to - from);
    }

    public record Trend(List<Point> points, PeriodChange periodChange, SlopeResult slope, List<Anomaly> anomalies) {
    }

    /** movingAverage is NaN until the trailing window is full. */
    public record Point(int index, double value, double movingAverage) {
    }

    /** Mean of the last window and of the window before; change is their ratio minus one, null when undefined. */
    public record PeriodChange(Double current, Double previous, Double change) {
    }

    public sealed interface SlopeResult permits Slope, NotEnoughPoints {
    }

    public record Slope(double perPeriod, double low95, double high95, double pValue, boolean significant)
            implements SlopeResult {
    }

    public record NotEnoughPoints(int available, int minimum) implements SlopeResult {
    }

    public enum Direction {
        ABOVE("above"), BELOW("below");

        private final String wireName;

        Direction(String wireName) {
            this.wireName = wireName;
        }

        public String wireName() {
            return wireName;
        }
    }

    public record Anomaly(int index, double value, double low, double high, Direction direction) {
    }
}
