package com.penguinmails.sending.warmup;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.List;
import org.junit.jupiter.api.Test;

class IpWarmupPlanTest {

    @Test
    void standardScheduleIsTheProvidersSeventeenDailySteps() {
        IpWarmupPlan plan = IpWarmupPlan.standard();

        assertThat(plan.dailyCaps()).containsExactly(50L, 100L, 500L, 1_000L, 5_000L, 10_000L, 20_000L, 40_000L,
                70_000L, 100_000L, 150_000L, 250_000L, 400_000L, 600_000L, 1_000_000L, 2_000_000L, 4_000_000L);
        assertThat(plan.stepCount()).isEqualTo(17);
        assertThat(plan.capAt(0)).isEqualTo(50);
        assertThat(plan.capAt(16)).isEqualTo(4_000_000);
    }

    @Test
    void conservativeScheduleGrowsAtMostOnePointFiveTimesADayOverThirtyToFortyFiveDays() {
        List<Long> caps = IpWarmupPlan.conservative().dailyCaps();

        assertThat(caps).hasSizeBetween(30, 45);
        assertThat(caps.get(0)).isEqualTo(50);
        assertThat(caps.get(caps.size() - 1)).isEqualTo(4_000_000);
        for (int i = 1; i < caps.size(); i++) {
            assertThat((double) caps.get(i) / caps.get(i - 1)).as("growth into day %d", i + 1).isGreaterThan(1.0).isLessThanOrEqualTo(1.5);
        }
    }

    @Test
    void capPastTheLastStepIsTheFinalCap() {
        assertThat(IpWarmupPlan.custom(List.of(50L, 100L)).capAt(7)).isEqualTo(100);
    }

    @Test
    void findsBuiltInSchedulesByNameIgnoringCaseAndSpaces() {
        assertThat(IpWarmupPlan.named(" Standard ")).isEqualTo(IpWarmupPlan.standard());
        assertThat(IpWarmupPlan.named("conservative")).isEqualTo(IpWarmupPlan.conservative());
        assertThatThrownBy(() -> IpWarmupPlan.named("turbo"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("unknown warmup schedule 'turbo'; expected one of standard, conservative, or a custom list of daily caps");
    }

    @Test
    void customScheduleAcceptsRepeatedCapsAndUpToTwoHundredSteps() {
        assertThat(IpWarmupPlan.custom(List.of(100L, 100L, 300L)).stepCount()).isEqualTo(3);
        assertThat(IpWarmupPlan.custom(Collections.nCopies(200, 1_000L)).stepCount()).isEqualTo(200);
    }

    @Test
    void customScheduleNeedsAtLeastOneCap() {
        assertThatThrownBy(() -> IpWarmupPlan.custom(List.of()))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("a warmup schedule needs at least 1 daily cap; got none");
        assertThatThrownBy(() -> IpWarmupPlan.custom(null))
                .hasMessage("a warmup schedule needs at least 1 daily cap; got none");
    }

    @Test
    void customScheduleHasAtMostTwoHundredSteps() {
        assertThatThrownBy(() -> IpWarmupPlan.custom(Collections.nCopies(201, 1_000L)))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("a warmup schedule has at most 200 daily caps; got 201");
    }

    @Test
    void customScheduleNamesTheDayWhoseCapIsNotPositive() {
        assertThatThrownBy(() -> IpWarmupPlan.custom(List.of(50L, 0L, 100L)))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("day 2 of the warmup schedule has cap 0; every daily cap must be at least 1");
        assertThatThrownBy(() -> IpWarmupPlan.custom(List.of(-5L)))
                .hasMessage("day 1 of the warmup schedule has cap -5; every daily cap must be at least 1");
    }

    @Test
    void customScheduleNamesTheDayWhereCapsDecrease() {
        assertThatThrownBy(() -> IpWarmupPlan.custom(List.of(50L, 500L, 400L)))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("day 3 of the warmup schedule has cap 400, below day 2's 500; caps must never decrease");
    }

    @Test
    void customScheduleNamesTheDayWithoutACap() {
        assertThatThrownBy(() -> IpWarmupPlan.custom(Arrays.asList(50L, null)))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("day 2 of the warmup schedule has no cap");
    }

    @Test
    void customScheduleIsACopyTheCallerCannotChangeAfterwards() {
        List<Long> caps = new ArrayList<>(List.of(50L, 100L));
        IpWarmupPlan plan = IpWarmupPlan.custom(caps);

        caps.set(1, 1L);

        assertThat(plan.capAt(1)).isEqualTo(100);
    }

    @Test
    void geometricRampTooSlowToReachItsFinalCapIsRejected() {
        assertThatThrownBy(() -> IpWarmupPlan.geometric("slow", 50, 1.01, 4_000_000))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("a warmup schedule has at most 200 daily caps; got 201");
        assertThatThrownBy(() -> IpWarmupPlan.geometric("flat", 50, 1.0, 100))
                .hasMessage("the daily growth factor must be above 1; got 1.0");
    }
}
