package com.penguinmails.sending.warmup;

import java.util.Objects;

/**
 * How a workspace runs warmup. {@link #defaults()} follows the providers' published figures; a workspace may tune
 * every one.
 *
 * @param hardBounce               lines for hard bounces per send
 * @param complaint                lines for spam complaints per send
 * @param deferral                 lines for temporary (4xx) deferrals per send
 * @param minimumSampleToPause     sends the window must hold before a pause line can pause; below it a bad day
 *                                 still steps back, which costs little and is undone by one healthy day
 * @param minimumSendsToJudge      a day with fewer sends holds rather than advances or steps back: the ramp only
 *                                 climbs on evidence
 * @param minimumShareOfCapToJudge ... and it must also have used this share of its cap (0.10 is 10 %), so a big
 *                                 step is not earned by a handful of sends. Whichever is larger applies, but never
 *                                 more than the cap itself, so a step whose whole cap is small (a mailbox's 2 a day)
 *                                 is judged on that cap
 * @param idleDaysToRewarm         this many days or more without a send puts the resource back on step 0
 */
public record WarmupPolicy(WarmupThresholds hardBounce, WarmupThresholds complaint, WarmupThresholds deferral,
                           int minimumSampleToPause, int minimumSendsToJudge, double minimumShareOfCapToJudge,
                           int idleDaysToRewarm) {

    public WarmupPolicy {
        Objects.requireNonNull(hardBounce, "hardBounce");
        Objects.requireNonNull(complaint, "complaint");
        Objects.requireNonNull(deferral, "deferral");
        if (minimumSampleToPause < 0 || minimumSendsToJudge < 0) {
            throw new IllegalArgumentException("minimum samples must not be negative; got minimumSampleToPause "
                    + minimumSampleToPause + ", minimumSendsToJudge " + minimumSendsToJudge);
        }
        if (!(minimumShareOfCapToJudge >= 0 && minimumShareOfCapToJudge <= 1)) {
            throw new IllegalArgumentException("minimumShareOfCapToJudge must be between 0 and 1; got " + minimumShareOfCapToJudge);
        }
        if (idleDaysToRewarm < 1) {
            throw new IllegalArgumentException("idleDaysToRewarm must be at least 1; got " + idleDaysToRewarm);
        }
    }

    /**
     * Hard bounces: advance below 2 %, step back at 5 %, pause at 10 %; complaints: advance below 0.1 %, step back
     * at 0.1 %, pause at 0.5 % (the providers' healthy / warn / pause lines). Deferrals: advance below 5 %, step back
     * at 10 % (our choice: providers publish no figure; a few percent is normal throttling of a new IP, twice the
     * target means they are pushing back), never pause (deferred mail is retried, not lost). A pause needs 200
     * sends, like reputation; a day is judged on at least 20 sends and 10 % of its cap; 30 idle days re-warm.
     */
    public static WarmupPolicy defaults() {
        return new WarmupPolicy(
                new WarmupThresholds(0.02, 0.05, 0.10),
                new WarmupThresholds(0.001, 0.001, 0.005),
                WarmupThresholds.neverPausing(0.05, 0.10),
                200, 20, 0.10, 30);
    }

    /** Sends needed to judge a day at {@code cap}: the larger of the two minimums, but never more than the cap. */
    public long sendsNeededToJudge(long cap) {
        long share = (long) Math.ceil(cap * minimumShareOfCapToJudge);
        return Math.min(cap, Math.max(minimumSendsToJudge, share));
    }
}
