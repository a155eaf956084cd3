package com.penguinmails.analytics.stats;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import org.apache.commons.math3.distribution.NormalDistribution;
import org.apache.commons.math3.stat.inference.ChiSquareTest;

/**
 * Whether rates of successes (opens, replies, deliveries) differ by more than chance between groups: two arms with
 * a two-proportion z-test, k arms with a chi-square test of homogeneity, and variants compared with the best one.
 * Small samples are guarded the way peers guard them: an arm under {@link #MIN_TRIALS} sends is "too early", and no
 * winner is named while any arm is, since a lead on so few sends is mostly chance.
 */
public final class Significance {

    /** Sends an arm needs before its rate is judged (the common peer default). */
    public static final long MIN_TRIALS = 200;
    /** The significance level of every test here. */
    public static final double ALPHA = 0.05;

    private static final NormalDistribution STANDARD_NORMAL = new NormalDistribution(null, 0, 1);
    private static final double Z_95 = STANDARD_NORMAL.inverseCumulativeProbability(0.975);

    private Significance() {
    }

    /**
     * The two-proportion z-test of rate A against rate B.
     *
     * @param difference rateA - rateB
     * @param z          the test statistic, with the pooled rate's standard error (the one the null hypothesis implies)
     * @param pValue     two-sided; 1 when there is nothing to tell apart (an arm with no trials, or every trial alike)
     * @param low95      the 95 % confidence interval of the difference (Wald, unpooled standard error)
     */
    public record TwoProportions(double rateA, double rateB, double difference, double z, double pValue,
                                 double low95, double high95, boolean significant) {
    }

    /** The chi-square test that k groups share one rate; {@code degreesOfFreedom} is groups with trials minus one. */
    public record Homogeneity(double chiSquare, int degreesOfFreedom, double pValue, boolean significant) {
    }

    /** One group to compare: a name (a variant, an hour), its successes and its trials. */
    public record Arm(String name, long successes, long trials) {
        public Arm {
            Objects.requireNonNull(name, "name");
            requireCounts(successes, trials, name);
        }

        /**
         * An arm from roll-up counts, with successes capped at trials: over a window, a late open or reply can be
         * counted whose send fell before the window began.
         */
        public static Arm of(String name, long successes, long trials) {
            return new Arm(name, Math.max(0, Math.min(successes, trials)), Math.max(0, trials));
        }

        /** Null when there were no trials: no rate, rather than a zero that reads as a fact. */
        public Double rate() {
            return trials == 0 ? null : (double) successes / trials;
        }
    }

    /**
     * One arm against the best arm: {@code vsBest} is empty for the best itself. {@code significant} uses the
     * Bonferroni-corrected level {@code ALPHA / (arms - 1)}, since every arm is tested against the same best.
     */
    public record ArmResult(Arm arm, boolean tooEarly, boolean best, Optional<TwoProportions> vsBest, boolean significant) {
    }

    /** Every arm against the best, the homogeneity test over all, and the winner when there is one. */
    public record Comparison(List<ArmResult> arms, Homogeneity homogeneity, Optional<String> winner, String verdict) {
    }

    public static TwoProportions twoProportions(long successesA, long trialsA, long successesB, long trialsB) {
        return twoProportions(successesA, trialsA, successesB, trialsB, ALPHA);
    }

    private static TwoProportions twoProportions(long successesA, long trialsA, long successesB, long trialsB, double alpha) {
        requireCounts(successesA, trialsA, "A");
        requireCounts(successesB, trialsB, "B");
        if (trialsA == 0 || trialsB == 0) {
            double rateA = trialsA == 0 ? Double.NaN : (double) successesA / trialsA;
            double rateB = trialsB == 0 ? Double.NaN : (double) successesB / trialsB;
            return new TwoProportions(rateA, rateB, Double.NaN, 0, 1, Double.NaN, Double.NaN, false);
        }
        double rateA = (double) successesA / trialsA;
        double rateB = (double) successesB / trialsB;
        double difference = rateA - rateB;
        double pooled = (double) (successesA + successesB) / (trialsA + trialsB);
        double pooledError = Math.sqrt(pooled * (1 - pooled) * (1.0 / trialsA + 1.0 / trialsB));
        double z = pooledError == 0 ? 0 : difference / pooledError;
        double pValue = pooledError == 0 ? 1 : Math.min(1, 2 * STANDARD_NORMAL.cumulativeProbability(-Math.abs(z)));
        double error = Math.sqrt(rateA * (1 - rateA) / trialsA + rateB * (1 - rateB) / trialsB);
        return new TwoProportions(rateA, rateB, difference, z, pValue, difference - Z_95 * error, difference + Z_95 * error,
                pValue < alpha);
    }

    /** Groups without trials take no part; under two groups, or with every trial alike, there is nothing to test. */
    public static Homogeneity homogeneity(long[] successes, long[] trials) {
        if (successes.length != trials.length) {
            throw new IllegalArgumentException("successes has " + successes.length + " groups but trials has " + trials.length);
        }
        List<long[]> rows = new ArrayList<>();
        long allSuccesses = 0;
        long allFailures = 0;
        for (int i = 0; i < successes.length; i++) {
            requireCounts(successes[i], trials[i], "group " + i);
            if (trials[i] > 0) {
                rows.add(new long[] {successes[i], trials[i] - successes[i]});
                allSuccesses += successes[i];
                allFailures += trials[i] - successes[i];
            }
        }
        int degreesOfFreedom = Math.max(0, rows.size() - 1);
        if (rows.size() < 2 || allSuccesses == 0 || allFailures == 0) {
            return new Homogeneity(0, degreesOfFreedom, 1, false);
        }
        long[][] table = rows.toArray(long[][]::new);
        ChiSquareTest test = new ChiSquareTest();
        double pValue = test.chiSquareTest(table);
        return new Homogeneity(test.chiSquare(table), degreesOfFreedom, pValue, pValue < ALPHA);
    }

    /**
     * Compares every arm with the best one (the highest rate among arms past {@link #MIN_TRIALS}, or among all when
     * none is). A winner is named only when no arm is too early, there are at least two arms, and the best is
     * significantly above every other arm.
     */
    public static Comparison compare(List<Arm> arms) {
        if (arms.isEmpty()) {
            return new Comparison(List.of(), new Homogeneity(0, 0, 1, false), Optional.empty(), "nothing to compare");
        }
        boolean anyTooEarly = arms.stream().anyMatch(a -> a.trials() < MIN_TRIALS);
        List<Arm> judged = arms.stream().filter(a -> a.trials() >= MIN_TRIALS).toList();
        Comparator<Arm> byRate = Comparator.comparingDouble(a -> a.rate() == null ? -1 : a.rate());
        Arm best = (judged.isEmpty() ? arms : judged).stream().max(byRate.thenComparingLong(Arm::trials)).orElseThrow();
        double alpha = arms.size() > 1 ? ALPHA / (arms.size() - 1) : ALPHA;
        List<ArmResult> results = new ArrayList<>();
        boolean bestBeatsAll = arms.size() > 1;
        for (Arm arm : arms) {
            boolean tooEarly = arm.trials() < MIN_TRIALS;
            if (arm == best) {
                results.add(new ArmResult(arm, tooEarly, true, Optional.empty(), false));
                continue;
            }
            TwoProportions test = twoProportions(arm.successes(), arm.trials(), best.successes(), best.trials(), alpha);
            boolean significant = test.significant() && test.difference() < 0;
            bestBeatsAll &= significant;
            results.add(new ArmResult(arm, tooEarly, false, Optional.of(test), significant));
        }
        Homogeneity homogeneity = homogeneity(arms.stream().mapToLong(Arm::successes).toArray(), arms.stream().mapToLong(Arm::trials).toArray());
        Optional<String> winner = !anyTooEarly && bestBeatsAll ? Optional.of(best.name()) : Optional.empty();
        String verdict;
        if (arms.size() < 2) {
            verdict = "one arm only: nothing to compare";
        } else if (anyTooEarly) {
            verdict = "too early: every arm needs at least " + MIN_TRIALS + " sends";
        } else if (winner.isPresent()) {
            verdict = best.name() + " wins: significantly above every other arm (p < " + ALPHA + ", Bonferroni-corrected)";
        } else {
            verdict = "no significant difference yet";
        }
        return new Comparison(List.copyOf(results), homogeneity, winner, verdict);
    }

    private static void requireCounts(long successes, long trials, String what) {
        if (successes < 0 || trials < 0 || successes > trials) {
            throw new IllegalArgumentException(what + ": successes must be between 0 and trials; got " + successes + " of " + trials);
        }
    }
}
