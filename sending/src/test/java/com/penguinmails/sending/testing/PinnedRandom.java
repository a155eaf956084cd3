package com.penguinmails.sending.testing;

import java.util.ArrayList;
import java.util.List;
import java.util.random.RandomGenerator;

/**
 * Randomness a test pins: every bounded draw is the same fraction of its range ({@code 0} the lowest value,
 * {@code 1} the highest), and each bound asked for is kept, so a test can say exactly which jitter, gap or weighted
 * pick the code under test drew.
 */
public final class PinnedRandom implements RandomGenerator {

    private final double fraction;
    private final List<Long> bounds = new ArrayList<>();

    public PinnedRandom(double fraction) {
        if (fraction < 0 || fraction > 1) {
            throw new IllegalArgumentException("a fraction of the range, 0 to 1");
        }
        this.fraction = fraction;
    }

    /** Always the lowest value. */
    public static PinnedRandom lowest() {
        return new PinnedRandom(0);
    }

    @Override
    public synchronized long nextLong(long bound) {
        bounds.add(bound);
        return (long) Math.floor((bound - 1) * fraction);
    }

    @Override
    public int nextInt(int bound) {
        return (int) nextLong(bound);
    }

    @Override
    public long nextLong() {
        return 0;
    }

    @Override
    public double nextDouble() {
        return Math.min(fraction, Math.nextDown(1.0));
    }

    /** Every bound drawn from so far, in order. */
    public synchronized List<Long> bounds() {
        return List.copyOf(bounds);
    }
}
