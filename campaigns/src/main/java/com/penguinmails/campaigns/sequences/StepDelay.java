package com.penguinmails.campaigns.sequences;

import com.penguinmails.sending.mailboxes.SendingWindow;
import java.time.DayOfWeek;
import java.time.Instant;
import java.time.ZonedDateTime;

/**
 * How long a sequence step waits after the contact's previous step, as Instantly, Smartlead and lemlist put it:
 * "wait N days", optionally counting business days (Monday to Friday) only. The step then goes out at the first
 * moment its sending window is open.
 *
 * @param days         0 to {@value #MAX_DAYS}; 0 sends at the window's next opening after the previous step
 * @param businessDays whether Saturdays and Sundays are skipped when counting {@code days}
 */
public record StepDelay(int days, boolean businessDays) {

    /** A year: a longer wait is a different campaign, and a sequence that long is almost certainly a typo. */
    public static final int MAX_DAYS = 365;

    public StepDelay {
        if (days < 0 || days > MAX_DAYS) {
            throw new IllegalArgumentException("a step waits 0 to " + MAX_DAYS + " days, not " + days);
        }
    }

    /**
     * When the step is due for a contact whose previous step went out at {@code previous}: the same local time of
     * day {@code days} (business) days later in the window's zone, moved on to the window's next opening. Counting
     * in local days keeps "3 days later at 10:05" true across a daylight-saving change.
     */
    public Instant dueAfter(Instant previous, SendingWindow window) {
        ZonedDateTime at = previous.atZone(window.zone());
        if (businessDays) {
            for (int counted = 0; counted < days; ) {
                at = at.plusDays(1);
                if (isBusinessDay(at.getDayOfWeek())) {
                    counted++;
                }
            }
        } else {
            at = at.plusDays(days);
        }
        return window.nextOpening(at.toInstant());
    }

    private static boolean isBusinessDay(DayOfWeek day) {
        return day != DayOfWeek.SATURDAY && day != DayOfWeek.SUNDAY;
    }
}
