package com.penguinmails.sending.warmup;

import com.penguinmails.sending.ledger.DailyCounts;
import com.penguinmails.sending.ledger.DeliveryCounts;
import java.time.LocalDate;
import java.util.List;
import java.util.Objects;

/**
 * The traffic the engine judges: what the resource sent since its last evaluation, normally the previous day.
 *
 * @param counts     the sums over that window
 * @param lastSentOn the latest day in the window with any send; required when anything was sent, null otherwise
 */
public record WarmupHealth(DeliveryCounts counts, LocalDate lastSentOn) {

    public WarmupHealth {
        Objects.requireNonNull(counts, "counts");
        if (counts.sent() > 0 && lastSentOn == null) {
            throw new IllegalArgumentException("lastSentOn is required when anything was sent (sent " + counts.sent() + ")");
        }
    }

    /** A window with no traffic at all. */
    public static WarmupHealth none() {
        return new WarmupHealth(DeliveryCounts.ZERO, null);
    }

    /** One day's counts. */
    public static WarmupHealth of(DailyCounts day) {
        return from(List.of(day));
    }

    /** The sum of the given days (the caller picks the window), remembering the latest day that sent anything. */
    public static WarmupHealth from(List<DailyCounts> days) {
        DeliveryCounts total = DeliveryCounts.ZERO;
        LocalDate lastSentOn = null;
        for (DailyCounts day : days) {
            total = total.plus(day.counts());
            if (day.counts().sent() > 0 && (lastSentOn == null || day.day().isAfter(lastSentOn))) {
                lastSentOn = day.day();
            }
        }
        return new WarmupHealth(total, lastSentOn);
    }
}
