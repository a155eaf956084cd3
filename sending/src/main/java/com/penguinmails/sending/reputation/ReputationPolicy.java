package com.penguinmails.sending.reputation;

import java.util.Objects;

/**
 * How a workspace judges reputation. {@link #defaults()} follows the sending providers' published lines; a
 * workspace may tune every figure.
 *
 * @param minimumSample sends the window must hold before AT_RISK or PAUSED can apply. Below it the state is at
 *                      most WARNING: 3 bounces in 20 sends is noise, not grounds to stop a sender, but it is still
 *                      worth showing, and a warning stops nothing
 * @param windowDays    length of the rolling window, in calendar days ending with (and including) today
 * @param hardBounce    lines for hard bounces per send
 * @param complaint     lines for spam complaints per send
 */
public record ReputationPolicy(int minimumSample, int windowDays, RateThresholds hardBounce, RateThresholds complaint) {

    public ReputationPolicy {
        if (minimumSample < 0) {
            throw new IllegalArgumentException("minimumSample must not be negative; got " + minimumSample);
        }
        if (windowDays < 1) {
            throw new IllegalArgumentException("windowDays must be at least 1; got " + windowDays);
        }
        Objects.requireNonNull(hardBounce, "hardBounce");
        Objects.requireNonNull(complaint, "complaint");
    }

    /**
     * 200 sends over the last 7 days. Hard bounces: healthy below 2 %, warn at 5 %, pause at 10 % (the providers'
     * table), at risk from 8 %: no provider publishes a middle line for bounces, so 8 % leaves a clear step before the
     * pause. Complaints: healthy below 0.1 %, warn at 0.1 %, at risk from 0.3 % (Gmail and Yahoo's line that a bulk
     * sender must never reach), pause at 0.5 %.
     */
    public static ReputationPolicy defaults() {
        return new ReputationPolicy(200, 7,
                new RateThresholds(0.02, 0.05, 0.08, 0.10),
                new RateThresholds(0.001, 0.001, 0.003, 0.005));
    }
}
