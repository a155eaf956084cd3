package com.penguinmails.sending.warmup;

import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * A resource's (IP's or mailbox's) progress through its plan. Immutable: {@link WarmupEngine} returns a new state.
 *
 * @param step            0-based index into the plan; today's cap is {@code plan.capAt(step)} unless paused
 * @param status          see {@link WarmupStatus}
 * @param pauseReason     why it is paused; set exactly when {@code status} is PAUSED
 * @param lastEvaluatedOn the last day the engine judged it (null before the first); a second run for the same day
 *                        changes nothing
 * @param lastAdvancedOn  the last day it stepped up (null if never)
 * @param lastSentOn      the last day it sent anything (null if never), to detect idleness
 * @param history         the most recent decisions, oldest first, bounded (see {@link #HISTORY_DAYS})
 * @param pausedAt        when a pause by {@link WarmupEngine#pause(WarmupState, String, LocalDate, Instant)} was made
 *                        (null otherwise, and for pauses stored before it was kept): the time and the identity of its
 *                        {@code ip.paused} or {@code mailbox.paused} event, so one found already made is published again
 *                        as the same event
 */
public record WarmupState(int step, WarmupStatus status, String pauseReason, LocalDate lastEvaluatedOn,
                          LocalDate lastAdvancedOn, LocalDate lastSentOn, List<WarmupDay> history, Instant pausedAt) {

    /** History covers this many days, enough to show the whole of a 30 to 45 day ramp. */
    public static final int HISTORY_DAYS = 60;
    /** And never more entries than this, so repeated pause/resume clicks cannot grow the stored item without bound. */
    public static final int MAX_HISTORY_ENTRIES = 2 * HISTORY_DAYS;

    public WarmupState {
        if (step < 0) {
            throw new IllegalArgumentException("step must not be negative; got " + step);
        }
        Objects.requireNonNull(status, "status");
        boolean hasReason = pauseReason != null && !pauseReason.isBlank();
        if ((status == WarmupStatus.PAUSED) != hasReason) {
            throw new IllegalArgumentException("pauseReason must be given when, and only when, the status is PAUSED; "
                    + "status " + status + ", pauseReason " + pauseReason);
        }
        history = history == null ? List.of() : List.copyOf(history);
        if (status != WarmupStatus.PAUSED) {
            pausedAt = null;
        }
    }

    /** Without a pause time (a state that is not paused, or paused by the daily run). */
    public WarmupState(int step, WarmupStatus status, String pauseReason, LocalDate lastEvaluatedOn,
                       LocalDate lastAdvancedOn, LocalDate lastSentOn, List<WarmupDay> history) {
        this(step, status, pauseReason, lastEvaluatedOn, lastAdvancedOn, lastSentOn, history, null);
    }

    /**
     * A new resource at the first step. The day it is created counts as evaluated: there is no traffic to judge yet,
     * so the first real decision is the next day's, on that day's sends.
     */
    public static WarmupState start(LocalDate today) {
        return new WarmupState(0, WarmupStatus.WARMING, null, Objects.requireNonNull(today, "today"), null, null, List.of());
    }

    public boolean isPaused() {
        return status == WarmupStatus.PAUSED;
    }

    /** The history with {@code day} appended, keeping the last {@link #HISTORY_DAYS} days and at most {@link #MAX_HISTORY_ENTRIES}. */
    List<WarmupDay> historyWith(WarmupDay day) {
        LocalDate keepFrom = day.date().minusDays(HISTORY_DAYS - 1L);
        List<WarmupDay> kept = new ArrayList<>();
        for (WarmupDay earlier : history) {
            if (!earlier.date().isBefore(keepFrom)) {
                kept.add(earlier);
            }
        }
        kept.add(day);
        return kept.size() > MAX_HISTORY_ENTRIES ? kept.subList(kept.size() - MAX_HISTORY_ENTRIES, kept.size()) : kept;
    }
}
