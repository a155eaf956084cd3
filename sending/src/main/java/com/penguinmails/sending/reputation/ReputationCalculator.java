package com.penguinmails.sending.reputation;

import com.penguinmails.sending.ledger.DailyCounts;
import com.penguinmails.sending.ledger.DeliveryCounts;
import com.penguinmails.sending.ledger.Percent;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.Optional;

/**
 * Judges a sender on its rolling window of daily counts. Pure: the caller loads the days and says what today is.
 *
 * <p>Deferrals are reported but never change the state: they are temporary (the mail is retried) and on a
 * warming IP they are the provider's normal throttling, so they steer warmup ({@code WarmupEngine}), not pausing.
 */
public final class ReputationCalculator {

    private ReputationCalculator() {
    }

    /**
     * Sums the days from {@code today - (windowDays - 1)} to {@code today} inclusive (days outside, including
     * any after today, are ignored; several entries for one day are added up) and judges the sums.
     */
    public static ReputationAssessment assess(List<DailyCounts> days, LocalDate today, ReputationPolicy policy) {
        Objects.requireNonNull(days, "days");
        Objects.requireNonNull(today, "today");
        Objects.requireNonNull(policy, "policy");
        LocalDate windowStart = today.minusDays(policy.windowDays() - 1L);
        DeliveryCounts total = DeliveryCounts.ZERO;
        for (DailyCounts day : days) {
            if (!day.day().isBefore(windowStart) && !day.day().isAfter(today)) {
                total = total.plus(day.counts());
            }
        }

        String period = period(policy.windowDays());
        List<Signal> signals = new ArrayList<>(List.of(
                new Signal("hard-bounce rate", total.hardBounceRate(), total.hardBounces(), policy.hardBounce()),
                new Signal("complaint rate", total.complaintRate(), total.complaints(), policy.complaint())));
        signals.sort(Comparator.comparing(Signal::state).reversed());

        ReputationState worst = signals.get(0).state();
        boolean insufficientSample = total.sent() < policy.minimumSample();
        ReputationState state = insufficientSample && worst.isWorseThan(ReputationState.WARNING)
                ? ReputationState.WARNING
                : worst;

        List<String> reasons = new ArrayList<>();
        for (Signal signal : signals) {
            signal.reason(total.sent(), period).ifPresent(reasons::add);
        }
        if (state != worst) {
            reasons.add("only " + number(total.sent()) + " sends " + period + ", below the minimum sample of "
                    + number(policy.minimumSample()) + ", so the state is at most WARNING");
        }
        return new ReputationAssessment(state, windowStart, today, total, total.hardBounceRate(),
                total.complaintRate(), total.deferralRate(), reasons, insufficientSample);
    }

    private static String number(long n) {
        return String.format(Locale.ROOT, "%,d", n);
    }

    private static String period(int windowDays) {
        return windowDays == 1 ? "today" : "over the last " + windowDays + " days";
    }

    /** One judged rate. */
    private record Signal(String name, double rate, long count, RateThresholds thresholds) {

        ReputationState state() {
            return thresholds.stateFor(rate);
        }

        Optional<String> reason(long sent, String period) {
            String observed = name + " " + Percent.format(rate) + " % (" + number(count) + " of " + number(sent) + " sends) " + period;
            ReputationState state = state();
            String line = Percent.format(thresholds.lineFor(state)) + " %";
            return switch (state) {
                case PAUSED -> Optional.of(observed + " (>= " + line + " pauses)");
                case AT_RISK -> Optional.of(observed + " (>= " + line + " is at risk)");
                case WARNING -> Optional.of(observed + " (>= " + line + " warns)");
                case HEALTHY -> rate >= thresholds.healthyBelow()
                        ? Optional.of(observed + " is not below the " + line + " healthy target")
                        : Optional.empty();
            };
        }
    }
}
