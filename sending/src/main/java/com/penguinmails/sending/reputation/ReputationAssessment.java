package com.penguinmails.sending.reputation;

import com.penguinmails.sending.ledger.DailyCounts;
import com.penguinmails.sending.ledger.DeliveryCounts;
import com.penguinmails.sending.ledger.Percent;
import java.time.LocalDate;
import java.util.List;
import java.util.Objects;

/**
 * The verdict on one sender's recent mail, with what it was based on.
 *
 * @param state              the overall state: the worst any signal earns, capped at WARNING on a small sample
 * @param windowStart        first day counted (inclusive)
 * @param windowEnd          last day counted (inclusive): the {@code today} it was assessed on
 * @param counts             the sums over the window
 * @param reasons            one line per signal that is not at its healthy target, worst first, written for the user;
 *                           empty when everything is healthy
 * @param insufficientSample fewer sends than the policy's minimum sample: rates are shown but cannot pause
 */
public record ReputationAssessment(ReputationState state, LocalDate windowStart, LocalDate windowEnd,
                                   DeliveryCounts counts, double hardBounceRate, double complaintRate,
                                   double deferralRate, List<String> reasons, boolean insufficientSample) {

    public ReputationAssessment {
        Objects.requireNonNull(state, "state");
        Objects.requireNonNull(counts, "counts");
        reasons = List.copyOf(reasons);
    }

    /** Whether the sender should stop sending. */
    public boolean shouldPause() {
        return state == ReputationState.PAUSED;
    }
}
