package com.penguinmails.sending.reputation;

import com.penguinmails.sending.ledger.DailyCounts;
import com.penguinmails.sending.ledger.DeliveryCounts;
import com.penguinmails.sending.ledger.Percent;

/**
 * The lines one rate (hard bounces or complaints) is judged against, as fractions of sends (0.05 is 5 %).
 * Each line is inclusive: a rate exactly at {@code warnAt} warns. Thresholds are plain fractions written as
 * decimal literals, and rates are computed as {@code count / sent}, so a rate that is exactly on a line (10 of 200
 * sends against 0.05) compares equal rather than falling a rounding error short.
 *
 * @param healthyBelow the target a healthy sender stays under; between it and {@code warnAt} nothing is raised,
 *                     but the assessment mentions it
 * @param warnAt       at or above: {@link ReputationState#WARNING}
 * @param atRiskAt     at or above: {@link ReputationState#AT_RISK}
 * @param pauseAt      at or above: {@link ReputationState#PAUSED}
 */
public record RateThresholds(double healthyBelow, double warnAt, double atRiskAt, double pauseAt) {

    public RateThresholds {
        requireFraction("healthyBelow", healthyBelow);
        requireFraction("warnAt", warnAt);
        requireFraction("atRiskAt", atRiskAt);
        requireFraction("pauseAt", pauseAt);
        if (!(healthyBelow <= warnAt && warnAt <= atRiskAt && atRiskAt <= pauseAt)) {
            throw new IllegalArgumentException("thresholds must satisfy healthyBelow <= warnAt <= atRiskAt <= pauseAt; got "
                    + Percent.format(healthyBelow) + " %, " + Percent.format(warnAt) + " %, "
                    + Percent.format(atRiskAt) + " %, " + Percent.format(pauseAt) + " %");
        }
    }

    /** The state this rate alone earns, ignoring sample size. */
    public ReputationState stateFor(double rate) {
        if (rate >= pauseAt) {
            return ReputationState.PAUSED;
        }
        if (rate >= atRiskAt) {
            return ReputationState.AT_RISK;
        }
        if (rate >= warnAt) {
            return ReputationState.WARNING;
        }
        return ReputationState.HEALTHY;
    }

    /** The line that {@code state} starts at; for HEALTHY, the healthy target. */
    public double lineFor(ReputationState state) {
        return switch (state) {
            case HEALTHY -> healthyBelow;
            case WARNING -> warnAt;
            case AT_RISK -> atRiskAt;
            case PAUSED -> pauseAt;
        };
    }

    private static void requireFraction(String name, double value) {
        if (!(value > 0 && value <= 1)) {
            throw new IllegalArgumentException(name + " must be a fraction of sends above 0 and at most 1 (0.05 is 5 %); got " + value);
        }
    }
}
