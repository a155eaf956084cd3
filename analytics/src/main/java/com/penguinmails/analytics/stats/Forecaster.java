package com.penguinmails.analytics.stats;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import org.apache.commons.math3.analysis.MultivariateFunction;
import org.apache.commons.math3.distribution.NormalDistribution;
import org.apache.commons.math3.optim.InitialGuess;
import org.apache.commons.math3.optim.MaxEval;
import org.apache.commons.math3.optim.PointValuePair;
import org.apache.commons.math3.optim.SimpleBounds;
import org.apache.commons.math3.optim.nonlinear.scalar.GoalType;
import org.apache.commons.math3.optim.nonlinear.scalar.ObjectiveFunction;
import org.apache.commons.math3.optim.nonlinear.scalar.noderiv.BOBYQAOptimizer;

/**
 * Additive Holt-Winters with one seasonal period, smoothing parameters fitted by minimising the one-step squared
 * error (BOBYQA, bounded to 0..1). Intervals use Hyndman's analytic h-step variance for additive HW.
 */
public final class Forecaster {

    public static final String MODEL = "holt-winters-additive";
    public static final int DEFAULT_SEASON = 7;
    private static final int BACKTEST_ORIGINS = 5;
    private static final double Z80 = new NormalDistribution().inverseCumulativeProbability(0.90);
    private static final double Z95 = new NormalDistribution().inverseCumulativeProbability(0.975);

    private Forecaster() {
    }

    public static int minimumHistory(int season) {
        return 2 * season + 2;
    }

    public static int maximumHorizon(int season) {
        return 4 * season;
    }

    public static ForecastResult forecast(double[] history, int season, int horizon, boolean isRate) {
        if (season < 2) {
            throw new IllegalArgumentException("season must be at least 2, was " + season);
        }
        if (horizon < 1 || horizon > maximumHorizon(season)) {
            throw new IllegalArgumentException(
                    "horizon must be between 1 and " + maximumHorizon(season) + ", was " + horizon);
        }
        if (history.length < minimumHistory(season)) {
            return new InsufficientHistory(history.length, minimumHistory(season));
        }
        Fit fit = fit(history, season);
        return Forecast.builder()
                .model(MODEL)
                .points(fit.points(horizon, isRate))
                .backTest(backTest(history, season, isRate))
                .build();
    }

    /** Rolling origins, each forecasting min(season, remaining) steps from a prefix at least minimumHistory long. */
    static Optional<BackTest> backTest(double[] history, int season, boolean isRate) {
        int n = history.length;
        int horizon = Math.min(season, n - minimumHistory(season));
        if (horizon < 1) {
            return Optional.empty();
        }
        double modelError = 0;
        double naiveError = 0;
        double scaleSum = 0;
        int count = 0;
        int origins = 0;
        int stride = Math.max(1, season / 2);
        for (int k = 0; k < BACKTEST_ORIGINS; k++) {
            int origin = n - horizon - k * stride;
            if (origin < minimumHistory(season)) {
                break;
            }
            double[] train = Arrays.copyOf(history, origin);
            List<ForecastPoint> predicted = fit(train, season).points(horizon, isRate);
            double scale = seasonalNaiveMae(train, season);
            for (int h = 1; h <= horizon; h++) {
                double actual = history[origin + h - 1];
                double naive = train[origin - season + (h - 1) % season];
                modelError += Math.abs(actual - predicted.get(h - 1).mean());
                naiveError += Math.abs(actual - naive);
                scaleSum += scale;
                count++;
            }
            origins++;
        }
        if (origins == 0) {
            return Optional.empty();
        }
        double modelMae = modelError / count;
        double naiveMae = naiveError / count;
        double scale = scaleSum / count;
        Accuracy model = new Accuracy(modelMae, scale == 0 ? Double.NaN : modelMae / scale);
        Accuracy naive = new Accuracy(naiveMae, scale == 0 ? Double.NaN : naiveMae / scale);
        String winner = modelMae <= naiveMae ? BackTest.MODEL : BackTest.SEASONAL_NAIVE;
        return Optional.of(new BackTest(model, naive, winner, origins));
    }

    static double seasonalNaiveMae(double[] values, int season) {
        double sum = 0;
        for (int t = season; t < values.length; t++) {
            sum += Math.abs(values[t] - values[t - season]);
        }
        return sum / (values.length - season);
    }

    static Fit fit(double[] y, int season) {
        MultivariateFunction sse = parameters -> run(y, season, parameters[0], parameters[1], parameters[2]).sse;
        double[] start = {0.3, 0.05, 0.1};
        double[] best = start;
        try {
            PointValuePair optimum = new BOBYQAOptimizer(7, 0.1, 1e-6).optimize(
                    new MaxEval(2000),
                    new ObjectiveFunction(sse),
                    GoalType.MINIMIZE,
                    new InitialGuess(start),
                    new SimpleBounds(new double[] {0, 0, 0}, new double[] {1, 1, 1}));
            best = optimum.getPoint();
        } catch (RuntimeException e) {
            // The optimiser can give up on degenerate (e.g. constant) series; the starting values are still sane.
        }
        return run(y, season, clamp01(best[0]), clamp01(best[1]), clamp01(best[2]));
    }

    private static double clamp01(double v) {
        return Math.max(0, Math.min(1, v));
    }

    /** Runs the recursions; state is initialised from the first two seasons. */
    static Fit run(double[] y, int m, double alpha, double beta, double gamma) {
        double first = mean(y, 0, m);
        double second = mean(y, m, 2 * m);
        double level = first;
        double trend = (second - first) / m;
        double[] seasonal = new double[y.length + m];
        for (int i = 0; i < m; i++) {
            seasonal[i] = y[i] - first;
        }
        double sse = 0;
        int residuals = 0;
        for (int t = m; t < y.length; t++) {
            double s = seasonal[t - m];
            double predicted = level + trend + s;
            double error = y[t] - predicted;
            sse += error * error;
            residuals++;
            double previousLevel = level;
            level = alpha * (y[t] - s) + (1 - alpha) * (level + trend);
            trend = beta * (level - previousLevel) + (1 - beta) * trend;
            seasonal[t] = gamma * (y[t] - level) + (1 - gamma) * s;
        }
        double[] lastSeason = Arrays.copyOfRange(seasonal, y.length - m, y.length);
        return new Fit(alpha, beta, gamma, level, trend, lastSeason, m, sse, sse / residuals);
    }

    private static double mean(double[] values, int from, int to) {
        double sum = 0;
        for (int i = from; i < to; i++) {
            sum += values[i];
        }
        return sum / (to - from);
    }

    record Fit(double alpha, double beta, double gamma, double level, double trend, double[] lastSeason, int season,
            double sse, double variance) {

        List<ForecastPoint> points(int horizon, boolean isRate) {
            List<ForecastPoint> points = new ArrayList<>(horizon);
            double cumulative = 0; // sum of c_j^2 for j < h
            for (int h = 1; h <= horizon; h++) {
                if (h > 1) {
                    int j = h - 1;
                    double c = alpha * (1 + j * beta) + (j % season == 0 ? gamma * (1 - alpha) : 0);
                    cumulative += c * c;
                }
                double sd = Math.sqrt(variance * (1 + cumulative));
                double mean = level + h * trend + lastSeason[(h - 1) % season];
                double low = isRate ? 0 : 0;
                double high = isRate ? 1 : Double.POSITIVE_INFINITY;
                points.add(new ForecastPoint(h,
                        clamp(mean, low, high),
                        clamp(mean - Z80 * sd, low, high), clamp(mean + Z80 * sd, low, high),
                        clamp(mean - Z95 * sd, low, high), clamp(mean + Z95 * sd, low, high)));
            }
            return points;
        }

        private static double clamp(double v, double low, double high) {
            return Math.max(low, Math.min(high, v));
        }
    }
}
