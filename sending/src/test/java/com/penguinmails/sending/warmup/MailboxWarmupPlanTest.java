package com.penguinmails.sending.warmup;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class MailboxWarmupPlanTest {

    @Test
    void defaultsRampByTwoFromTwoToFortyWithFortyColdEmails() {
        MailboxWarmupPlan plan = MailboxWarmupPlan.defaults();

        List<Long> caps = new ArrayList<>();
        for (int step = 0; step < plan.stepCount(); step++) {
            caps.add(plan.capAt(step));
        }

        assertThat(caps).containsExactly(2L, 4L, 6L, 8L, 10L, 12L, 14L, 16L, 18L, 20L,
                22L, 24L, 26L, 28L, 30L, 32L, 34L, 36L, 38L, 40L);
        assertThat(plan.capAt(50)).isEqualTo(40);
        assertThat(plan.maxColdEmailsPerDay()).isEqualTo(40);
    }

    @Test
    void aRampThatOvershootsTheCapEndsExactlyOnTheCap() {
        MailboxWarmupPlan plan = new MailboxWarmupPlan(1, 2, 40, 40);

        assertThat(plan.stepCount()).isEqualTo(21);
        assertThat(plan.capAt(19)).isEqualTo(39);
        assertThat(plan.capAt(20)).isEqualTo(40);
    }

    @Test
    void rejectsSettingsOutsideTheProvidersRanges() {
        assertThatThrownBy(() -> new MailboxWarmupPlan(0, 2, 40, 40))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("startPerDay must be between 1 and 5; got 0");
        assertThatThrownBy(() -> new MailboxWarmupPlan(6, 2, 40, 40))
                .hasMessage("startPerDay must be between 1 and 5; got 6");
        assertThatThrownBy(() -> new MailboxWarmupPlan(2, 0, 40, 40))
                .hasMessage("dailyIncrement must be at least 1; got 0");
        assertThatThrownBy(() -> new MailboxWarmupPlan(2, 2, 51, 40))
                .hasMessage("capPerDay must be between startPerDay (2) and 50; got 51");
        assertThatThrownBy(() -> new MailboxWarmupPlan(4, 2, 3, 40))
                .hasMessage("capPerDay must be between startPerDay (4) and 50; got 3");
        assertThatThrownBy(() -> new MailboxWarmupPlan(2, 2, 40, -1))
                .hasMessage("maxColdEmailsPerDay must not be negative; got -1");
    }
}
