package com.penguinmails.analytics.variants;

import com.penguinmails.analytics.Counts;
import com.penguinmails.analytics.Rate;
import com.penguinmails.analytics.stats.Significance;
import java.util.Map;
import java.util.Optional;

/**
 * One arm (a variant of a campaign, or a tag) with its counts, and for each compared rate how it stands against the
 * best arm. {@code tooEarly}: under {@link Significance#MIN_TRIALS} sends, its rates are not judged yet.
 */
public record VariantArm(String name, Counts counts, boolean tooEarly, Map<Rate, Standing> standings) {

    public VariantArm {
        standings = Map.copyOf(standings);
    }

    /** {@code vsBest} empty for the best arm itself; {@code significant}: significantly below the best. */
    public record Standing(Optional<Double> rate, boolean best, Optional<Significance.TwoProportions> vsBest, boolean significant) {
    }
}
