package com.penguinmails.analytics.stats;

import java.util.Random;

/** Generated test series: weekly season + linear trend + Gaussian noise, seeded so runs repeat. */
final class Series {

    private Series() {
    }

    static double[] seasonal(long seed, int length, double base, double slope, double amplitude, double noise) {
        Random random = new Random(seed);
        double[] values = new double[length];
        for (int t = 0; t < length; t++) {
            double season = amplitude * Math.sin(2 * Math.PI * (t % 7) / 7.0);
            values[t] = base + slope * t + season + noise * random.nextGaussian();
        }
        return values;
    }
}
