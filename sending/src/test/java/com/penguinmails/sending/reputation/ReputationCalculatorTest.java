package com.penguinmails.sending.reputation;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.penguinmails.sending.ledger.DailyCounts;
import com.penguinmails.sending.ledger.DeliveryCounts;
import com.penguinmails.sending.ledger.Percent;
import java.time.LocalDate;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class ReputationCalculatorTest {

    private static final LocalDate TODAY = LocalDate.of(2026, 3, 10);
    private static final ReputationPolicy DEFAULTS = ReputationPolicy.defaults();

    @Test
    void healthyWhenEveryRateIsBelowItsTarget() {
        ReputationAssessment assessment = assess(day(0, counts(1000, 10, 0)));

        assertThat(assessment.state()).isEqualTo(ReputationState.HEALTHY);
        assertThat(assessment.reasons()).isEmpty();
        assertThat(assessment.insufficientSample()).isFalse();
        assertThat(assessment.hardBounceRate()).isEqualTo(0.01);
    }

    @ParameterizedTest(name = "{1} hard bounces in 1000 sends -> {2}")
    @CsvSource({
            "1000, 19, HEALTHY",
            "1000, 20, HEALTHY",
            "1000, 49, HEALTHY",
            "1000, 50, WARNING",
            "1000, 79, WARNING",
            "1000, 80, AT_RISK",
            "1000, 99, AT_RISK",
            "1000, 100, PAUSED",
    })
    void hardBounceLinesApplyFromExactlyTheThreshold(long sent, long hardBounces, ReputationState expected) {
        assertThat(assess(day(0, counts(sent, hardBounces, 0))).state()).isEqualTo(expected);
    }

    @ParameterizedTest(name = "{1} complaints in 10000 sends -> {2}")
    @CsvSource({
            "10000, 9, HEALTHY",
            "10000, 10, WARNING",
            "10000, 29, WARNING",
            "10000, 30, AT_RISK",
            "10000, 49, AT_RISK",
            "10000, 50, PAUSED",
    })
    void complaintLinesApplyFromExactlyTheThreshold(long sent, long complaints, ReputationState expected) {
        assertThat(assess(day(0, counts(sent, 0, complaints))).state()).isEqualTo(expected);
    }

    @Test
    void mentionsARateAboveTheHealthyTargetWithoutRaisingTheState() {
        ReputationAssessment assessment = assess(day(0, counts(200, 6, 0)));

        assertThat(assessment.state()).isEqualTo(ReputationState.HEALTHY);
        assertThat(assessment.reasons())
                .containsExactly("hard-bounce rate 3 % (6 of 200 sends) over the last 7 days is not below the 2 % healthy target");
    }

    @Test
    void reasonNamesTheRateTheWindowAndTheLineCrossed() {
        ReputationAssessment assessment = assess(day(0, counts(250, 28, 0)));

        assertThat(assessment.state()).isEqualTo(ReputationState.PAUSED);
        assertThat(assessment.shouldPause()).isTrue();
        assertThat(assessment.reasons())
                .containsExactly("hard-bounce rate 11.2 % (28 of 250 sends) over the last 7 days (>= 10 % pauses)");
    }

    @Test
    void smallSampleNeverPausesButStillWarns() {
        ReputationAssessment assessment = assess(day(0, counts(199, 100, 5)));

        assertThat(assessment.state()).isEqualTo(ReputationState.WARNING);
        assertThat(assessment.insufficientSample()).isTrue();
        assertThat(assessment.reasons()).last().asString()
                .isEqualTo("only 199 sends over the last 7 days, below the minimum sample of 200, so the state is at most WARNING");
    }

    @Test
    void smallSampleWithAWarnLevelRateWarnsWithoutASampleNote() {
        ReputationAssessment assessment = assess(day(0, counts(50, 3, 0)));

        assertThat(assessment.state()).isEqualTo(ReputationState.WARNING);
        assertThat(assessment.insufficientSample()).isTrue();
        assertThat(assessment.reasons()).containsExactly(
                "hard-bounce rate 6 % (3 of 50 sends) over the last 7 days (>= 5 % warns)");
    }

    @Test
    void exactlyTheMinimumSampleCanPause() {
        ReputationAssessment assessment = assess(day(0, counts(200, 20, 0)));

        assertThat(assessment.state()).isEqualTo(ReputationState.PAUSED);
        assertThat(assessment.insufficientSample()).isFalse();
    }

    @Test
    void nothingSentIsHealthyButFlaggedAsTooSmallASample() {
        ReputationAssessment assessment = assess();

        assertThat(assessment.state()).isEqualTo(ReputationState.HEALTHY);
        assertThat(assessment.insufficientSample()).isTrue();
        assertThat(assessment.counts()).isEqualTo(DeliveryCounts.ZERO);
        assertThat(assessment.hardBounceRate()).isZero();
    }

    @Test
    void windowCountsTheLastSevenDaysIncludingTodayAndNothingElse() {
        ReputationAssessment assessment = assess(
                day(-7, counts(1000, 900, 100)),   // eight days ago counting today: outside the window
                day(-6, counts(300, 3, 0)),
                day(0, counts(200, 2, 0)),
                day(1, counts(1000, 900, 100)));   // a future bucket (clock skew upstream) is ignored

        assertThat(assessment.counts().sent()).isEqualTo(500);
        assertThat(assessment.counts().hardBounces()).isEqualTo(5);
        assertThat(assessment.state()).isEqualTo(ReputationState.HEALTHY);
        assertThat(assessment.windowStart()).isEqualTo(TODAY.minusDays(6));
        assertThat(assessment.windowEnd()).isEqualTo(TODAY);
    }

    @Test
    void sumsSeveralEntriesForTheSameDay() {
        ReputationAssessment assessment = assess(day(0, counts(150, 0, 0)), day(0, counts(150, 30, 0)));

        assertThat(assessment.counts().sent()).isEqualTo(300);
        assertThat(assessment.state()).isEqualTo(ReputationState.PAUSED);
    }

    @Test
    void worstSignalDecidesAndIsListedFirst() {
        ReputationAssessment assessment = assess(day(0, counts(1000, 50, 5)));

        assertThat(assessment.state()).isEqualTo(ReputationState.PAUSED);
        assertThat(assessment.reasons()).containsExactly(
                "complaint rate 0.5 % (5 of 1,000 sends) over the last 7 days (>= 0.5 % pauses)",
                "hard-bounce rate 5 % (50 of 1,000 sends) over the last 7 days (>= 5 % warns)");
    }

    @Test
    void atRiskAtGmailsComplaintLine() {
        ReputationAssessment assessment = assess(day(0, counts(1000, 0, 3)));

        assertThat(assessment.state()).isEqualTo(ReputationState.AT_RISK);
        assertThat(assessment.reasons()).containsExactly(
                "complaint rate 0.3 % (3 of 1,000 sends) over the last 7 days (>= 0.3 % is at risk)");
    }

    @Test
    void aWorkspaceCanTuneTheWindowTheSampleAndTheLines() {
        ReputationPolicy strict = new ReputationPolicy(100, 3,
                new RateThresholds(0.01, 0.02, 0.03, 0.05), DEFAULTS.complaint());
        List<DailyCounts> days = List.of(day(-3, counts(1000, 0, 0)), day(-1, counts(100, 5, 0)));

        ReputationAssessment assessment = ReputationCalculator.assess(days, TODAY, strict);

        assertThat(assessment.counts().sent()).as("day -3 is outside a 3-day window").isEqualTo(100);
        assertThat(assessment.state()).isEqualTo(ReputationState.PAUSED);
        assertThat(assessment.reasons()).first().asString().contains("over the last 3 days");
        assertThat(ReputationCalculator.assess(days, TODAY, DEFAULTS).state()).isEqualTo(ReputationState.HEALTHY);
    }

    @Test
    void rejectsThresholdsOutOfOrder() {
        assertThatThrownBy(() -> new RateThresholds(0.02, 0.10, 0.08, 0.05))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("thresholds must satisfy healthyBelow <= warnAt <= atRiskAt <= pauseAt; got 2 %, 10 %, 8 %, 5 %");
        assertThatThrownBy(() -> new RateThresholds(0.02, 0.05, 0.08, 10))
                .hasMessageContaining("pauseAt must be a fraction of sends");
        assertThatThrownBy(() -> new ReputationPolicy(200, 0, DEFAULTS.hardBounce(), DEFAULTS.complaint()))
                .hasMessage("windowDays must be at least 1; got 0");
    }

    private static ReputationAssessment assess(DailyCounts... days) {
        return ReputationCalculator.assess(List.of(days), TODAY, DEFAULTS);
    }

    private static DailyCounts day(int offsetFromToday, DeliveryCounts counts) {
        return new DailyCounts(TODAY.plusDays(offsetFromToday), counts);
    }

    private static DeliveryCounts counts(long sent, long hardBounces, long complaints) {
        return new DeliveryCounts(sent, sent - hardBounces, hardBounces, 0, complaints, 0, 0, 0);
    }
}
