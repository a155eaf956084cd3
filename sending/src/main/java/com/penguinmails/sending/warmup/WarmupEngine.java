package com.penguinmails.sending.warmup;

import com.penguinmails.sending.ledger.DeliveryCounts;
import com.penguinmails.sending.ledger.Percent;
import java.time.LocalDate;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.function.ToDoubleFunction;
import java.util.function.ToLongFunction;

/**
 * Moves a resource along its warmup plan, one decision per day. Pure: the caller loads the state and the previous
 * window's counts, says what today is, and stores the returned state.
 *
 * <p>A day is judged in this order; the first rule that applies decides:
 * <ol>
 *   <li>already evaluated today (or a later day): NO_CHANGE, the same state back, since a schedule may fire twice;</li>
 *   <li>paused: stays paused (cap 0) until {@link #resume};</li>
 *   <li>idle for {@code idleDaysToRewarm} days or more past step 0: REWARMED to step 0;</li>
 *   <li>a rate at its pause line on at least {@code minimumSampleToPause} sends: PAUSED, the reason naming it;</li>
 *   <li>too little traffic to judge: HELD (a WARM resource stays WARM): it only climbs on evidence;</li>
 *   <li>a rate at its step-back line (a bad day): STEPPED_BACK one step, or HELD at step 0;</li>
 *   <li>at the final step: COMPLETE, stays WARM;</li>
 *   <li>a rate not below its healthy target: HELD;</li>
 *   <li>otherwise ADVANCED one step, or COMPLETE on reaching the final step.</li>
 * </ol>
 * At most one step up per evaluation, even after days without one: missed days are never made up in a jump.
 */
public final class WarmupEngine {

    private WarmupEngine() {
    }

    /** Today's decision for a resource, judged on {@code previousWindow}. */
    public static WarmupResult advanceDay(WarmupPlan plan, WarmupState state, WarmupHealth previousWindow,
                                          LocalDate today, WarmupPolicy policy) {
        Objects.requireNonNull(plan, "plan");
        Objects.requireNonNull(state, "state");
        Objects.requireNonNull(previousWindow, "previousWindow");
        Objects.requireNonNull(today, "today");
        Objects.requireNonNull(policy, "policy");
        if (state.lastEvaluatedOn() != null && !today.isAfter(state.lastEvaluatedOn())) {
            return new WarmupResult(state, WarmupDecision.NO_CHANGE, "already evaluated on " + state.lastEvaluatedOn());
        }
        LocalDate lastSentOn = latest(state.lastSentOn(), previousWindow.lastSentOn());
        int step = Math.min(state.step(), plan.lastStep());
        Verdict verdict = judge(plan, state, step, previousWindow.counts(), lastSentOn, today, policy);

        boolean paused = verdict.status() == WarmupStatus.PAUSED;
        String pauseReason = !paused ? null : state.isPaused() ? state.pauseReason() : verdict.reason();
        long capFromToday = paused ? 0 : plan.capAt(verdict.step());
        WarmupDay day = new WarmupDay(today, capFromToday, previousWindow.counts().sent(), verdict.decision(), verdict.reason());
        WarmupState next = new WarmupState(verdict.step(), verdict.status(), pauseReason, today,
                verdict.step() > step ? today : state.lastAdvancedOn(), lastSentOn, state.historyWith(day),
                state.isPaused() ? state.pausedAt() : null);
        return new WarmupResult(next, verdict.decision(), verdict.reason());
    }

    /** Today's cap: the plan's cap at the current step, or 0 while paused. */
    public static long dailyCap(WarmupPlan plan, WarmupState state) {
        return state.isPaused() ? 0 : plan.capAt(state.step());
    }

    /** Real cold emails a mailbox may send today: the plan's limit, or 0 while paused. */
    public static int coldEmailCap(MailboxWarmupPlan plan, WarmupState state) {
        return state.isPaused() ? 0 : plan.maxColdEmailsPerDay();
    }

    /**
     * Stops a resource (cap 0) until resumed. Pausing a paused resource changes nothing and keeps the first reason,
     * so a retried API call is harmless.
     */
    public static WarmupResult pause(WarmupState state, String reason, LocalDate today) {
        return pause(state, reason, today, null);
    }

    /** The same, keeping {@code at} as the pause's time ({@link WarmupState#pausedAt}). */
    public static WarmupResult pause(WarmupState state, String reason, LocalDate today, java.time.Instant at) {
        Objects.requireNonNull(state, "state");
        Objects.requireNonNull(today, "today");
        requireReason(reason);
        if (state.isPaused()) {
            return new WarmupResult(state, WarmupDecision.NO_CHANGE, "already paused: " + state.pauseReason());
        }
        WarmupDay day = new WarmupDay(today, 0, 0, WarmupDecision.PAUSED, reason);
        WarmupState next = new WarmupState(state.step(), WarmupStatus.PAUSED, reason, state.lastEvaluatedOn(),
                state.lastAdvancedOn(), state.lastSentOn(), state.historyWith(day),
                at == null ? null : at.truncatedTo(java.time.temporal.ChronoUnit.MILLIS));
        return new WarmupResult(next, WarmupDecision.PAUSED, reason);
    }

    /**
     * Lets a paused resource send again, on the step it was paused at. It takes the plan and policy because a
     * resource paused for {@code idleDaysToRewarm} days or more is idle: it resumes at step 0 at once, rather than
     * at its old cap until the next evaluation. Resuming a resource that is not paused changes nothing.
     */
    public static WarmupResult resume(WarmupPlan plan, WarmupState state, String reason, LocalDate today, WarmupPolicy policy) {
        Objects.requireNonNull(plan, "plan");
        Objects.requireNonNull(state, "state");
        Objects.requireNonNull(today, "today");
        Objects.requireNonNull(policy, "policy");
        requireReason(reason);
        if (!state.isPaused()) {
            return new WarmupResult(state, WarmupDecision.NO_CHANGE, "not paused");
        }
        int step = Math.min(state.step(), plan.lastStep());
        String why = reason;
        long idleDays = idleDays(state.lastSentOn(), today);
        if (step > 0 && idleDays >= policy.idleDaysToRewarm()) {
            step = 0;
            why = reason + "; " + idleReason(idleDays, state.lastSentOn(), plan);
        }
        WarmupDay day = new WarmupDay(today, plan.capAt(step), 0, WarmupDecision.RESUMED, why);
        WarmupState next = new WarmupState(step, statusAt(plan, step), null, state.lastEvaluatedOn(),
                state.lastAdvancedOn(), state.lastSentOn(), state.historyWith(day));
        return new WarmupResult(next, WarmupDecision.RESUMED, why);
    }

    private static Verdict judge(WarmupPlan plan, WarmupState state, int step, DeliveryCounts counts,
                                 LocalDate lastSentOn, LocalDate today, WarmupPolicy policy) {
        if (state.isPaused()) {
            return new Verdict(WarmupDecision.PAUSED, step, WarmupStatus.PAUSED, "still paused: " + state.pauseReason());
        }
        long idleDays = idleDays(lastSentOn, today);
        if (step > 0 && idleDays >= policy.idleDaysToRewarm()) {
            return new Verdict(WarmupDecision.REWARMED, 0, statusAt(plan, 0), idleReason(idleDays, lastSentOn, plan));
        }
        if (counts.sent() >= policy.minimumSampleToPause()) {
            List<String> pauses = crossings(counts, policy, Line.PAUSE);
            if (!pauses.isEmpty()) {
                return new Verdict(WarmupDecision.PAUSED, step, WarmupStatus.PAUSED, "paused: " + String.join("; ", pauses));
            }
        }

        long cap = plan.capAt(step);
        boolean atEnd = step == plan.lastStep();
        long needed = policy.sendsNeededToJudge(cap);
        if (counts.sent() < needed) {
            String tooLittle = "too little traffic to judge: " + number(counts.sent()) + " sends, at least "
                    + number(needed) + " needed";
            return atEnd
                    ? new Verdict(WarmupDecision.COMPLETE, step, WarmupStatus.WARM, "warm at " + perDay(cap) + "; " + tooLittle)
                    : new Verdict(WarmupDecision.HELD, step, WarmupStatus.HELD, tooLittle + "; holding at " + perDay(cap));
        }

        List<String> bad = crossings(counts, policy, Line.STEP_BACK);
        if (!bad.isEmpty()) {
            String badDay = "bad day: " + String.join("; ", bad);
            return step == 0
                    ? new Verdict(WarmupDecision.HELD, 0, WarmupStatus.HELD, badDay + "; already at the first step, holding at " + perDay(cap))
                    : new Verdict(WarmupDecision.STEPPED_BACK, step - 1, WarmupStatus.HELD,
                            badDay + "; cap " + number(cap) + " -> " + perDay(plan.capAt(step - 1)));
        }

        List<String> aboveTarget = crossings(counts, policy, Line.HEALTHY_TARGET);
        if (atEnd) {
            String note = aboveTarget.isEmpty() ? "" : "; " + String.join("; ", aboveTarget);
            return new Verdict(WarmupDecision.COMPLETE, step, WarmupStatus.WARM, "warm: plan complete at " + perDay(cap) + note);
        }
        if (!aboveTarget.isEmpty()) {
            return new Verdict(WarmupDecision.HELD, step, WarmupStatus.HELD,
                    String.join("; ", aboveTarget) + "; holding at " + perDay(cap));
        }

        int next = step + 1;
        String healthy = "healthy: " + number(counts.sent()) + " sends, hard bounces " + Percent.format(counts.hardBounceRate())
                + " %, complaints " + Percent.format(counts.complaintRate()) + " %, deferrals "
                + Percent.format(counts.deferralRate()) + " %; cap " + number(cap) + " -> " + perDay(plan.capAt(next));
        return next == plan.lastStep()
                ? new Verdict(WarmupDecision.COMPLETE, next, WarmupStatus.WARM, healthy + ", the final step: warmup complete")
                : new Verdict(WarmupDecision.ADVANCED, next, WarmupStatus.WARMING, healthy);
    }

    /** The three lines a rate is compared with. */
    private enum Line { HEALTHY_TARGET, STEP_BACK, PAUSE }

    /** One phrase per rate at or above {@code line}, naming the rate, the counts and the line. */
    private static List<String> crossings(DeliveryCounts counts, WarmupPolicy policy, Line line) {
        List<String> found = new ArrayList<>();
        check(found, "hard-bounce rate", counts, DeliveryCounts::hardBounces, DeliveryCounts::hardBounceRate, policy.hardBounce(), line);
        check(found, "complaint rate", counts, DeliveryCounts::complaints, DeliveryCounts::complaintRate, policy.complaint(), line);
        check(found, "deferral rate", counts, DeliveryCounts::deferrals, DeliveryCounts::deferralRate, policy.deferral(), line);
        return found;
    }

    private static void check(List<String> found, String name, DeliveryCounts counts,
                              ToLongFunction<DeliveryCounts> count, ToDoubleFunction<DeliveryCounts> rate,
                              WarmupThresholds thresholds, Line line) {
        double value = rate.applyAsDouble(counts);
        double threshold = switch (line) {
            case HEALTHY_TARGET -> thresholds.advanceBelow();
            case STEP_BACK -> thresholds.stepBackAt();
            case PAUSE -> thresholds.pauseAt();
        };
        if (value < threshold) {
            return;
        }
        String observed = name + " " + Percent.format(value) + " % (" + number(count.applyAsLong(counts)) + " of "
                + number(counts.sent()) + " sends)";
        String limit = Percent.format(threshold) + " %";
        found.add(switch (line) {
            case HEALTHY_TARGET -> observed + " is not below the " + limit + " healthy target";
            case STEP_BACK -> observed + " reached the " + limit + " step-back line";
            case PAUSE -> observed + " reached the " + limit + " pause line";
        });
    }

    private static String idleReason(long idleDays, LocalDate lastSentOn, WarmupPlan plan) {
        return "idle " + idleDays + " days (last send " + lastSentOn + "); re-warming from the first step at "
                + perDay(plan.capAt(0));
    }

    /** Whole days since the last send; 0 if it never sent (nothing to re-warm: it cannot have climbed without sends). */
    private static long idleDays(LocalDate lastSentOn, LocalDate today) {
        return lastSentOn == null ? 0 : ChronoUnit.DAYS.between(lastSentOn, today);
    }

    private static WarmupStatus statusAt(WarmupPlan plan, int step) {
        return step >= plan.lastStep() ? WarmupStatus.WARM : WarmupStatus.WARMING;
    }

    private static LocalDate latest(LocalDate a, LocalDate b) {
        if (a == null) {
            return b;
        }
        return b == null || a.isAfter(b) ? a : b;
    }

    private static void requireReason(String reason) {
        if (reason == null || reason.isBlank()) {
            throw new IllegalArgumentException("a reason is required");
        }
    }

    private static String perDay(long cap) {
        return number(cap) + "/day";
    }

    private static String number(long n) {
        return String.format(Locale.ROOT, "%,d", n);
    }

    private record Verdict(WarmupDecision decision, int step, WarmupStatus status, String reason) {
    }
}
