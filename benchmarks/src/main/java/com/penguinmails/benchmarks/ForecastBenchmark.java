package com.penguinmails.benchmarks;

import com.penguinmails.analytics.stats.BackTest;
import com.penguinmails.analytics.stats.Forecast;
import com.penguinmails.analytics.stats.ForecastPoint;
import com.penguinmails.analytics.stats.Forecaster;
import java.util.Arrays;
import java.util.Locale;
import java.util.Random;

/**
 * Forecast quality on generated daily series (weekly season, linear trend, Gaussian noise), several seeds: the
 * Holt-Winters back-test MASE against seasonal-naive, and the share of held-out points inside the 80 % and 95 %
 * intervals. No platform needed; it measures the statistics, not the plumbing.
 */
final class ForecastBenchmark {

    private static final int SEEDS = 50;
    private static final int HISTORY = 56; // eight weeks of days, the forecast service's default window
    private static final int HORIZON = 14;

    void run() {
        double modelMase = 0;
        double naiveMase = 0;
        int modelWins = 0;
        int inside80 = 0;
        int inside95 = 0;
        int total = 0;
        long started = System.nanoTime();
        for (long seed = 1; seed <= SEEDS; seed++) {
            Random random = new Random(seed);
            double[] all = new double[HISTORY + HORIZON];
            for (int t = 0; t < all.length; t++) {
                all[t] = 500 + 2.0 * t + 80 * Math.sin(2 * Math.PI * (t % 7) / 7.0) + 20 * random.nextGaussian();
            }
            Forecast forecast = (Forecast) Forecaster.forecast(Arrays.copyOf(all, HISTORY), 7, HORIZON, false);
            BackTest backTest = forecast.backTest().orElseThrow();
            modelMase += backTest.model().mase();
            naiveMase += backTest.seasonalNaive().mase();
            modelWins += BackTest.MODEL.equals(backTest.winner()) ? 1 : 0;
            for (ForecastPoint p : forecast.points()) {
                double actual = all[HISTORY + p.step() - 1];
                inside80 += actual >= p.low80() && actual <= p.high80() ? 1 : 0;
                inside95 += actual >= p.low95() && actual <= p.high95() ? 1 : 0;
                total++;
            }
        }
        double millis = (System.nanoTime() - started) / 1e6;
        System.out.printf(Locale.ROOT,
                "forecast: %d seeds, %d days history, %d-day horizon: back-test MASE holt-winters %.3f vs seasonal-naive"
                        + " %.3f (model wins %d/%d); held-out points inside 80%% interval %.1f%%, inside 95%% %.1f%%;"
                        + " %.1f ms per forecast incl. back-test%n",
                SEEDS, HISTORY, HORIZON, modelMase / SEEDS, naiveMase / SEEDS, modelWins, SEEDS,
                100.0 * inside80 / total, 100.0 * inside95 / total, millis / SEEDS);
    }

    public static void main(String[] args) {
        new ForecastBenchmark().run();
    }
}
