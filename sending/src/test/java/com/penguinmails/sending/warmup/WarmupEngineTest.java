package com.penguinmails.sending.warmup;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.penguinmails.sending.ledger.DailyCounts;
import com.penguinmails.sending.ledger.DeliveryCounts;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class WarmupEngineTest {

    private static final LocalDate START = LocalDate.of(2026, 3, 1);
    private static final WarmupPolicy POLICY = WarmupPolicy.defaults();
    private static final IpWarmupPlan STANDARD = IpWarmupPlan.standard();

    @Test
    void standardScheduleClimbsOneStepPerHealthyDayToFourMillionThenStaysWarm() {
        WarmupState state = WarmupState.start(START);
        List<Long> capsSent = new ArrayList<>();
        List<WarmupDecision> decisions = new ArrayList<>();
        LocalDate day = START;

        for (int i = 0; i < 20; i++) {
            long cap = WarmupEngine.dailyCap(STANDARD, state);
            capsSent.add(cap);
            WarmupHealth sentTheWholeCap = healthy(day, cap);
            day = day.plusDays(1);
            WarmupResult result = WarmupEngine.advanceDay(STANDARD, state, sentTheWholeCap, day, POLICY);
            decisions.add(result.decision());
            state = result.state();
        }

        assertThat(capsSent.subList(0, 17)).isEqualTo(STANDARD.dailyCaps());
        assertThat(capsSent.subList(17, 20)).containsOnly(4_000_000L);
        assertThat(decisions.subList(0, 15)).containsOnly(WarmupDecision.ADVANCED);
        assertThat(decisions.subList(15, 20)).containsOnly(WarmupDecision.COMPLETE);
        assertThat(state.status()).isEqualTo(WarmupStatus.WARM);
        assertThat(state.step()).isEqualTo(16);
        assertThat(state.lastAdvancedOn()).isEqualTo(START.plusDays(16));
        assertThat(state.history()).hasSize(20);
    }

    @Test
    void recordsWhyItAdvancedWithTheFiguresItJudged() {
        WarmupResult result = advance(stateAt(3), window(1_000, 4, 0, 12), START);

        assertThat(result.decision()).isEqualTo(WarmupDecision.ADVANCED);
        assertThat(result.reason())
                .isEqualTo("healthy: 1,000 sends, hard bounces 0.4 %, complaints 0 %, deferrals 1.2 %; cap 1,000 -> 5,000/day");
        assertThat(result.state().history()).last()
                .isEqualTo(new WarmupDay(START, 5_000, 1_000, WarmupDecision.ADVANCED, result.reason()));
    }

    @Test
    void aRateBetweenTheHealthyTargetAndTheStepBackLineHolds() {
        WarmupResult result = advance(stateAt(3), window(1_000, 30, 0, 0), START);

        assertThat(result.decision()).isEqualTo(WarmupDecision.HELD);
        assertThat(result.state().step()).isEqualTo(3);
        assertThat(result.state().status()).isEqualTo(WarmupStatus.HELD);
        assertThat(WarmupEngine.dailyCap(STANDARD, result.state())).isEqualTo(1_000);
        assertThat(result.reason())
                .isEqualTo("hard-bounce rate 3 % (30 of 1,000 sends) is not below the 2 % healthy target; holding at 1,000/day");
    }

    @Test
    void exactlyTheHealthyTargetIsNotHealthyEnoughToAdvance() {
        assertThat(advance(stateAt(3), window(1_000, 20, 0, 0), START).decision()).isEqualTo(WarmupDecision.HELD);
        assertThat(advance(stateAt(3), window(1_000, 19, 0, 0), START).decision()).isEqualTo(WarmupDecision.ADVANCED);
    }

    @Test
    void aBadDayAtTheWarnLineStepsBackOneStep() {
        WarmupResult result = advance(stateAt(3), window(1_000, 50, 0, 0), START);

        assertThat(result.decision()).isEqualTo(WarmupDecision.STEPPED_BACK);
        assertThat(result.state().step()).isEqualTo(2);
        assertThat(result.state().status()).isEqualTo(WarmupStatus.HELD);
        assertThat(result.reason()).isEqualTo(
                "bad day: hard-bounce rate 5 % (50 of 1,000 sends) reached the 5 % step-back line; cap 1,000 -> 500/day");
    }

    @Test
    void oneComplaintPerThousandIsABadDay() {
        WarmupResult result = advance(stateAt(3), window(1_000, 0, 1, 0), START);

        assertThat(result.decision()).isEqualTo(WarmupDecision.STEPPED_BACK);
        assertThat(result.reason()).contains("complaint rate 0.1 % (1 of 1,000 sends) reached the 0.1 % step-back line");
    }

    @Test
    void deferralsHoldAboveFivePercentAndStepBackFromTenButNeverPause() {
        assertThat(advance(stateAt(3), window(1_000, 0, 0, 50), START).decision()).isEqualTo(WarmupDecision.HELD);
        assertThat(advance(stateAt(3), window(1_000, 0, 0, 100), START).decision()).isEqualTo(WarmupDecision.STEPPED_BACK);
        assertThat(advance(stateAt(3), window(1_000, 0, 0, 900), START).decision()).isEqualTo(WarmupDecision.STEPPED_BACK);
    }

    @Test
    void aBadDayOnTheFirstStepHolds() {
        WarmupResult result = advance(stateAt(0), window(50, 5, 0, 0), START);

        assertThat(result.decision()).isEqualTo(WarmupDecision.HELD);
        assertThat(result.state().step()).isZero();
        assertThat(result.reason()).endsWith("; already at the first step, holding at 50/day");
    }

    @Test
    void crossingThePauseLinePausesWithAReasonNamingTheRate() {
        WarmupResult result = advance(stateAt(5), window(1_000, 100, 0, 0), START);

        assertThat(result.decision()).isEqualTo(WarmupDecision.PAUSED);
        assertThat(result.state().status()).isEqualTo(WarmupStatus.PAUSED);
        assertThat(result.state().pauseReason())
                .isEqualTo("paused: hard-bounce rate 10 % (100 of 1,000 sends) reached the 10 % pause line");
        assertThat(WarmupEngine.dailyCap(STANDARD, result.state())).isZero();
        assertThat(result.state().history()).last().extracting(WarmupDay::cap).isEqualTo(0L);
    }

    @Test
    void halfAPercentOfComplaintsPauses() {
        WarmupResult result = advance(stateAt(5), window(1_000, 0, 5, 0), START);

        assertThat(result.decision()).isEqualTo(WarmupDecision.PAUSED);
        assertThat(result.state().pauseReason()).contains("complaint rate 0.5 % (5 of 1,000 sends) reached the 0.5 % pause line");
    }

    @Test
    void thePauseLineNeedsTheMinimumSampleBelowItABadDayOnlyStepsBack() {
        WarmupResult small = advance(stateAt(1), window(199, 100, 0, 0), START);
        WarmupResult enough = advance(stateAt(2), window(200, 20, 0, 0), START);

        assertThat(small.decision()).isEqualTo(WarmupDecision.STEPPED_BACK);
        assertThat(enough.decision()).isEqualTo(WarmupDecision.PAUSED);
    }

    @Test
    void aPausedResourceSendsNothingUntilResumedThenContinuesFromItsStep() {
        WarmupState paused = advance(stateAt(5), window(1_000, 100, 0, 0), START).state();

        WarmupResult nextDay = advance(paused, window(0, 0, 0, 0), START.plusDays(1));
        assertThat(nextDay.decision()).isEqualTo(WarmupDecision.PAUSED);
        assertThat(nextDay.reason()).startsWith("still paused: paused: hard-bounce rate 10 %");
        assertThat(WarmupEngine.dailyCap(STANDARD, nextDay.state())).isZero();

        WarmupResult resumed = WarmupEngine.resume(STANDARD, nextDay.state(), "list cleaned by alice", START.plusDays(2), POLICY);
        assertThat(resumed.decision()).isEqualTo(WarmupDecision.RESUMED);
        assertThat(resumed.state().status()).isEqualTo(WarmupStatus.WARMING);
        assertThat(resumed.state().pauseReason()).isNull();
        assertThat(WarmupEngine.dailyCap(STANDARD, resumed.state())).isEqualTo(10_000);
    }

    @Test
    void userPauseAndResumeAreSafeToRepeat() {
        WarmupState warming = stateAt(4);

        WarmupResult paused = WarmupEngine.pause(warming, "DNS migration", START);
        WarmupResult pausedAgain = WarmupEngine.pause(paused.state(), "another reason", START);
        WarmupResult resumeWarming = WarmupEngine.resume(STANDARD, warming, "oops", START, POLICY);

        assertThat(paused.decision()).isEqualTo(WarmupDecision.PAUSED);
        assertThat(paused.state().pauseReason()).isEqualTo("DNS migration");
        assertThat(pausedAgain.changed()).isFalse();
        assertThat(pausedAgain.state()).isEqualTo(paused.state());
        assertThat(resumeWarming.changed()).isFalse();
        assertThat(resumeWarming.state()).isEqualTo(warming);
        assertThatThrownBy(() -> WarmupEngine.pause(warming, " ", START))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("a reason is required");
    }

    @Test
    void runningTheSameDayTwiceChangesNothing() {
        WarmupHealth yesterday = window(1_000, 0, 0, 0);
        WarmupResult first = advance(stateAt(3), yesterday, START);

        WarmupResult second = advance(first.state(), yesterday, START);
        WarmupResult lateDelivery = advance(first.state(), yesterday, START.minusDays(1));

        assertThat(first.decision()).isEqualTo(WarmupDecision.ADVANCED);
        assertThat(second.decision()).isEqualTo(WarmupDecision.NO_CHANGE);
        assertThat(second.changed()).isFalse();
        assertThat(second.state()).isEqualTo(first.state());
        assertThat(lateDelivery.state()).isEqualTo(first.state());
    }

    @Test
    void theDayItIsCreatedCountsAsEvaluated() {
        assertThat(advance(WarmupState.start(START), window(50, 0, 0, 0), START).decision())
                .isEqualTo(WarmupDecision.NO_CHANGE);
    }

    @Test
    void thirtyIdleDaysReWarmFromTheFirstStep() {
        LocalDate lastSend = START.minusDays(30);
        WarmupState idle = new WarmupState(10, WarmupStatus.WARMING, null, START.minusDays(1), lastSend, lastSend, List.of());

        WarmupResult result = advance(idle, WarmupHealth.none(), START);

        assertThat(result.decision()).isEqualTo(WarmupDecision.REWARMED);
        assertThat(result.state().step()).isZero();
        assertThat(result.state().status()).isEqualTo(WarmupStatus.WARMING);
        assertThat(result.reason()).isEqualTo("idle 30 days (last send 2026-01-30); re-warming from the first step at 50/day");
        assertThat(WarmupEngine.dailyCap(STANDARD, result.state())).isEqualTo(50);
    }

    @Test
    void twentyNineIdleDaysOnlyHold() {
        LocalDate lastSend = START.minusDays(29);
        WarmupState idle = new WarmupState(10, WarmupStatus.WARMING, null, START.minusDays(1), lastSend, lastSend, List.of());

        WarmupResult result = advance(idle, WarmupHealth.none(), START);

        assertThat(result.decision()).isEqualTo(WarmupDecision.HELD);
        assertThat(result.state().step()).isEqualTo(10);
    }

    @Test
    void aWarmIpIdleThirtyDaysIsReWarmedToo() {
        LocalDate lastSend = START.minusDays(45);
        WarmupState warm = new WarmupState(16, WarmupStatus.WARM, null, START.minusDays(1), lastSend, lastSend, List.of());

        WarmupResult result = advance(warm, WarmupHealth.none(), START);

        assertThat(result.decision()).isEqualTo(WarmupDecision.REWARMED);
        assertThat(result.reason()).startsWith("idle 45 days");
    }

    @Test
    void resumingAfterALongPauseStartsAgainFromTheFirstStep() {
        LocalDate lastSend = START.minusDays(40);
        WarmupState paused = new WarmupState(8, WarmupStatus.PAUSED, "manual", START.minusDays(1), lastSend, lastSend, List.of());

        WarmupResult result = WarmupEngine.resume(STANDARD, paused, "back from holiday", START, POLICY);

        assertThat(result.state().step()).isZero();
        assertThat(result.reason()).isEqualTo(
                "back from holiday; idle 40 days (last send 2026-01-20); re-warming from the first step at 50/day");
    }

    @Test
    void tooLittleTrafficToJudgeHoldsEvenWhenEveryRateIsHealthy() {
        WarmupResult tenPercentShort = advance(stateAt(5), window(999, 0, 0, 0), START);
        WarmupResult tenPercent = advance(stateAt(5), window(1_000, 0, 0, 0), START);
        WarmupResult twentyShort = advance(stateAt(0), window(19, 0, 0, 0), START);
        WarmupResult twenty = advance(stateAt(0), window(20, 0, 0, 0), START);

        assertThat(tenPercentShort.decision()).isEqualTo(WarmupDecision.HELD);
        assertThat(tenPercentShort.reason())
                .isEqualTo("too little traffic to judge: 999 sends, at least 1,000 needed; holding at 10,000/day");
        assertThat(tenPercent.decision()).isEqualTo(WarmupDecision.ADVANCED);
        assertThat(twentyShort.decision()).isEqualTo(WarmupDecision.HELD);
        assertThat(twenty.decision()).isEqualTo(WarmupDecision.ADVANCED);
    }

    @Test
    void tooLittleTrafficNeverStepsBackOnNoise() {
        WarmupResult result = advance(stateAt(5), window(10, 5, 0, 0), START);

        assertThat(result.decision()).isEqualTo(WarmupDecision.HELD);
        assertThat(result.state().step()).isEqualTo(5);
    }

    @Test
    void aWarmResourceWithLittleTrafficStaysWarmButABadDayStepsItBack() {
        WarmupState warm = new WarmupState(16, WarmupStatus.WARM, null, START.minusDays(1), START.minusDays(2), null, List.of());

        WarmupResult quiet = advance(warm, window(1_000, 0, 0, 0), START);
        WarmupResult bad = advance(warm, window(1_000_000, 60_000, 0, 0), START);

        assertThat(quiet.decision()).isEqualTo(WarmupDecision.COMPLETE);
        assertThat(quiet.state().status()).isEqualTo(WarmupStatus.WARM);
        assertThat(bad.decision()).isEqualTo(WarmupDecision.STEPPED_BACK);
        assertThat(WarmupEngine.dailyCap(STANDARD, bad.state())).isEqualTo(2_000_000);
    }

    @Test
    void climbsAtMostOneStepAfterDaysWithoutAnEvaluation() {
        WarmupState state = new WarmupState(3, WarmupStatus.WARMING, null, START.minusDays(5), null, null, List.of());

        WarmupResult result = advance(state, window(5_000, 0, 0, 0), START);

        assertThat(result.state().step()).isEqualTo(4);
    }

    @Test
    void remembersTheLatestDayItSent() {
        WarmupState state = new WarmupState(3, WarmupStatus.WARMING, null, START.minusDays(3), null, START.minusDays(10), List.of());
        WarmupHealth twoDays = WarmupHealth.from(List.of(
                new DailyCounts(START.minusDays(2), counts(600, 0, 0, 0)),
                new DailyCounts(START.minusDays(1), DeliveryCounts.ZERO)));

        WarmupResult result = advance(state, twoDays, START);

        assertThat(result.state().lastSentOn()).isEqualTo(START.minusDays(2));
    }

    @Test
    void historyKeepsTheLastSixtyDays() {
        WarmupState state = WarmupState.start(START);
        LocalDate day = START;
        for (int i = 0; i < 100; i++) {
            day = day.plusDays(1);
            state = WarmupEngine.advanceDay(STANDARD, state, healthy(day.minusDays(1), 10), day, POLICY).state();
        }

        assertThat(state.history()).hasSize(WarmupState.HISTORY_DAYS);
        assertThat(state.history().get(0).date()).isEqualTo(day.minusDays(59));
        assertThat(state.history()).last().extracting(WarmupDay::date).isEqualTo(day);
    }

    @Test
    void repeatedPauseAndResumeClicksCannotGrowTheHistoryWithoutBound() {
        WarmupState state = stateAt(2);
        for (int i = 0; i < 500; i++) {
            state = WarmupEngine.pause(state, "click " + i, START).state();
            state = WarmupEngine.resume(STANDARD, state, "click " + i, START, POLICY).state();
        }

        assertThat(state.history()).hasSize(WarmupState.MAX_HISTORY_ENTRIES);
        assertThat(state.history()).last().extracting(WarmupDay::reason).isEqualTo("click 499");
    }

    @Test
    void aStateFromALongerPlanUsesTheShorterPlansFinalCap() {
        IpWarmupPlan shortPlan = IpWarmupPlan.custom(List.of(50L, 100L));

        assertThat(WarmupEngine.dailyCap(shortPlan, stateAt(10))).isEqualTo(100);
        assertThat(advance(shortPlan, stateAt(10), window(1_000, 0, 0, 0), START).decision()).isEqualTo(WarmupDecision.COMPLETE);
    }

    @Test
    void mailboxRampsTwoFourSixAndSoOnCappedAtForty() {
        MailboxWarmupPlan plan = MailboxWarmupPlan.defaults();
        WarmupState state = WarmupState.start(START);
        List<Long> caps = new ArrayList<>();
        LocalDate day = START;

        for (int i = 0; i < 25; i++) {
            long cap = WarmupEngine.dailyCap(plan, state);
            caps.add(cap);
            WarmupHealth sentTheWholeCap = healthy(day, cap);
            day = day.plusDays(1);
            state = WarmupEngine.advanceDay(plan, state, sentTheWholeCap, day, POLICY).state();
        }

        assertThat(caps.subList(0, 20)).containsExactly(2L, 4L, 6L, 8L, 10L, 12L, 14L, 16L, 18L, 20L,
                22L, 24L, 26L, 28L, 30L, 32L, 34L, 36L, 38L, 40L);
        assertThat(caps.subList(20, 25)).containsOnly(40L);
        assertThat(state.status()).isEqualTo(WarmupStatus.WARM);
        assertThat(WarmupEngine.coldEmailCap(plan, state)).isEqualTo(40);
        assertThat(WarmupEngine.coldEmailCap(plan, WarmupEngine.pause(state, "spam folder reports", day).state())).isZero();
    }

    @Test
    void aMailboxThatSentLessThanItsSmallCapHolds() {
        MailboxWarmupPlan plan = MailboxWarmupPlan.defaults();

        WarmupResult result = advance(plan, stateAt(3), window(7, 0, 0, 0), START);

        assertThat(result.decision()).isEqualTo(WarmupDecision.HELD);
        assertThat(result.reason()).startsWith("too little traffic to judge: 7 sends, at least 8 needed");
    }

    @Test
    void healthWithSendsMustSayWhenItLastSent() {
        assertThatThrownBy(() -> new WarmupHealth(counts(10, 0, 0, 0), null))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("lastSentOn is required when anything was sent (sent 10)");
    }

    private static WarmupResult advance(WarmupState state, WarmupHealth previousWindow, LocalDate today) {
        return advance(STANDARD, state, previousWindow, today);
    }

    private static WarmupResult advance(WarmupPlan plan, WarmupState state, WarmupHealth previousWindow, LocalDate today) {
        return WarmupEngine.advanceDay(plan, state, previousWindow, today, POLICY);
    }

    /** A resource warming at {@code step}, last evaluated and last sending the day before START. */
    private static WarmupState stateAt(int step) {
        LocalDate yesterday = START.minusDays(1);
        return new WarmupState(step, WarmupStatus.WARMING, null, yesterday, yesterday, yesterday, List.of());
    }

    private static WarmupHealth healthy(LocalDate day, long sent) {
        return WarmupHealth.of(new DailyCounts(day, counts(sent, 0, 0, 0)));
    }

    /** The previous day's traffic (the day before START). */
    private static WarmupHealth window(long sent, long hardBounces, long complaints, long deferrals) {
        return WarmupHealth.of(new DailyCounts(START.minusDays(1), counts(sent, hardBounces, complaints, deferrals)));
    }

    private static DeliveryCounts counts(long sent, long hardBounces, long complaints, long deferrals) {
        return new DeliveryCounts(sent, sent - hardBounces, hardBounces, 0, complaints, deferrals, 0, 0);
    }
}
