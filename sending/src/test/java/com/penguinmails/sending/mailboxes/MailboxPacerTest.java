package com.penguinmails.sending.mailboxes;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

class MailboxPacerTest {

    private static final SendingWindow NINE_TO_FIVE_UTC = SendingWindow.workingHours(ZoneOffset.UTC);
    private static final Instant WEDNESDAY_TEN = Instant.parse("2026-11-25T10:00:00Z");

    private final Random random = new Random(7);

    @Test
    void theFirstMailGoesAtOnceAndClosesTheGateForARandomSixtyToThreeHundredSeconds() {
        MailboxPacer.Admission admission = MailboxPacer.admitColdEmail(Pacing.NONE, WEDNESDAY_TEN, NINE_TO_FIVE_UTC, random);

        assertThat(admission.sendNow()).isTrue();
        assertThat(Duration.between(WEDNESDAY_TEN, admission.next().nextSendNotBefore())).isBetween(Duration.ofSeconds(60), Duration.ofSeconds(300));
    }

    @Test
    void aBatchArrivingTogetherLeavesOneByOneWithRandomGaps() {
        Pacing pacing = Pacing.NONE;
        List<Instant> sendTimes = new ArrayList<>();
        List<Instant> retries = new ArrayList<>();
        for (int i = 0; i < 10; i++) {
            MailboxPacer.Admission admission = MailboxPacer.admitColdEmail(pacing, WEDNESDAY_TEN, NINE_TO_FIVE_UTC, random);
            pacing = admission.next();
            (admission.sendNow() ? sendTimes : retries).add(admission.retryAt());
        }
        assertThat(sendTimes).hasSize(1);
        assertThat(retries).hasSize(9).isSorted();
        for (int i = 1; i < retries.size(); i++) {
            assertThat(Duration.between(retries.get(i - 1), retries.get(i))).isBetween(Duration.ofSeconds(60), Duration.ofSeconds(300));
        }
        // Each comes back at its slot: the gate is open then, so it goes.
        Instant previous = WEDNESDAY_TEN;
        for (Instant slot : retries) {
            MailboxPacer.Admission again = MailboxPacer.admitColdEmail(pacing, slot, NINE_TO_FIVE_UTC, random);
            assertThat(again.sendNow()).as("slot %s", slot).isTrue();
            assertThat(Duration.between(previous, slot)).isGreaterThanOrEqualTo(MailboxPacer.MIN_GAP);
            pacing = again.next();
            previous = slot;
        }
    }

    @Test
    void aSlotPastTheEndOfTheWorkingDayMovesToTheNextOpening() {
        Instant late = Instant.parse("2026-11-25T16:59:00Z");
        Pacing closedGate = new Pacing(late.plusSeconds(120), null, null);

        MailboxPacer.Admission admission = MailboxPacer.admitColdEmail(closedGate, late, NINE_TO_FIVE_UTC, random);

        assertThat(admission.sendNow()).isFalse();
        assertThat(admission.retryAt()).isBetween(Instant.parse("2026-11-26T09:01:00Z"), Instant.parse("2026-11-26T09:05:00Z"));
    }

    @Test
    void warmupWaitsForTheGateToo() {
        Pacing closed = new Pacing(WEDNESDAY_TEN.plusSeconds(30), null, null);

        assertThat(MailboxPacer.admitWarmup(closed, WEDNESDAY_TEN, random)).isEmpty();
        assertThat(MailboxPacer.admitWarmup(closed, WEDNESDAY_TEN.plusSeconds(30), random)).isPresent();
    }
}
