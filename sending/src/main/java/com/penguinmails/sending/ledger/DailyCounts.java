package com.penguinmails.sending.ledger;

import java.time.LocalDate;
import java.util.Objects;

/** The counts of one calendar day (in whatever reporting time zone the caller buckets by). */
public record DailyCounts(LocalDate day, DeliveryCounts counts) {

    public DailyCounts {
        Objects.requireNonNull(day, "day");
        Objects.requireNonNull(counts, "counts");
    }
}
