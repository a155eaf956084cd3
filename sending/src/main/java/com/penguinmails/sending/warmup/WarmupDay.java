package com.penguinmails.sending.warmup;

import java.time.LocalDate;
import java.util.Objects;

/**
 * One line of a resource's warmup history.
 *
 * @param date     the day the decision was made
 * @param cap      the daily cap in force from then on (0 when paused)
 * @param sent     sends in the window that was judged (normally the day before); 0 for a user's pause or resume
 * @param decision what was decided
 * @param reason   why, for the user, with the figures that decided it
 */
public record WarmupDay(LocalDate date, long cap, long sent, WarmupDecision decision, String reason) {

    public WarmupDay {
        Objects.requireNonNull(date, "date");
        Objects.requireNonNull(decision, "decision");
        Objects.requireNonNull(reason, "reason");
        if (cap < 0 || sent < 0) {
            throw new IllegalArgumentException("cap and sent must not be negative; got cap " + cap + ", sent " + sent);
        }
    }
}
