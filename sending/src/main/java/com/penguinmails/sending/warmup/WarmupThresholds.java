package com.penguinmails.sending.warmup;

/**
 * The lines one rate is judged against during warmup, as fractions of sends (0.02 is 2 %). Lines are inclusive:
 * a rate exactly at {@code stepBackAt} is a bad day.
 *
 * @param advanceBelow a step up needs the rate strictly below this (the healthy target)
 * @param stepBackAt   at or above: a bad day, one step down
 * @param pauseAt      at or above, on enough sends: pause. {@link Double#POSITIVE_INFINITY} for a rate that never
 *                     pauses
 */
public record WarmupThresholds(double advanceBelow, double stepBackAt, double pauseAt) {

    public WarmupThresholds {
        if (!(advanceBelow > 0 && advanceBelow <= 1)) {
            throw new IllegalArgumentException("advanceBelow must be a fraction of sends above 0 and at most 1 (0.02 is 2 %); got " + advanceBelow);
        }
        if (!(advanceBelow <= stepBackAt && stepBackAt <= pauseAt)) {
            throw new IllegalArgumentException("thresholds must satisfy advanceBelow <= stepBackAt <= pauseAt; got "
                    + advanceBelow + ", " + stepBackAt + ", " + pauseAt);
        }
    }

    /** For a rate that can hold or step back a ramp but never pause it. */
    public static WarmupThresholds neverPausing(double advanceBelow, double stepBackAt) {
        return new WarmupThresholds(advanceBelow, stepBackAt, Double.POSITIVE_INFINITY);
    }
}
