package com.penguinmails.sending.ledger;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class DeliveryCountsTest {

    @Test
    void addsEveryCountWhenCombiningPeriods() {
        DeliveryCounts monday = new DeliveryCounts(100, 90, 5, 3, 1, 7, 40, 2);
        DeliveryCounts tuesday = new DeliveryCounts(200, 195, 2, 1, 0, 4, 60, 1);

        assertThat(monday.plus(tuesday)).isEqualTo(new DeliveryCounts(300, 285, 7, 4, 1, 11, 100, 3));
    }

    @Test
    void ratesAreCountsPerSend() {
        DeliveryCounts counts = new DeliveryCounts(1000, 920, 50, 10, 2, 30, 0, 0);

        assertThat(counts.hardBounceRate()).isEqualTo(0.05);
        assertThat(counts.complaintRate()).isEqualTo(0.002);
        assertThat(counts.deferralRate()).isEqualTo(0.03);
        assertThat(counts.deliveryRate()).isEqualTo(0.92);
    }

    @Test
    void ratesAreZeroWhenNothingWasSentEvenIfLateEventsArrived() {
        DeliveryCounts lateBouncesOnly = new DeliveryCounts(0, 0, 3, 0, 1, 2, 0, 0);

        assertThat(lateBouncesOnly.hardBounceRate()).isZero();
        assertThat(lateBouncesOnly.complaintRate()).isZero();
        assertThat(lateBouncesOnly.deferralRate()).isZero();
    }

    @Test
    void rejectsNegativeCountsNamingTheField() {
        assertThatThrownBy(() -> new DeliveryCounts(10, 10, 0, 0, -1, 0, 0, 0))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("complaints must not be negative; it was -1");
    }

    @Test
    void formatsPercentagesWithUpToTwoDecimals() {
        assertThat(Percent.format(0.112)).isEqualTo("11.2");
        assertThat(Percent.format(0.0015)).isEqualTo("0.15");
        assertThat(Percent.format(0.1)).isEqualTo("10");
        assertThat(Percent.format(0.0)).isEqualTo("0");
    }
}
