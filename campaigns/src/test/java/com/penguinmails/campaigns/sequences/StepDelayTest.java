package com.penguinmails.campaigns.sequences;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.penguinmails.sending.mailboxes.SendingWindow;
import java.time.DayOfWeek;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.time.temporal.TemporalAdjusters;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Dates are found from a fixed anchor by weekday (and the zone's own DST rules), never from today. */
class StepDelayTest {

    private static final ZoneId PARIS = ZoneId.of("Europe/Paris");
    private static final SendingWindow WEEKDAYS_9_TO_17 = SendingWindow.workingHours(PARIS);
    private static final SendingWindow EVERY_DAY_9_TO_17 = SendingWindow.parse(PARIS, "09:00", "17:00",
            List.of("MON", "TUE", "WED", "THU", "FRI", "SAT", "SUN"));

    @Test
    void calendarDaysKeepTheTimeOfDayWhenTheWindowIsOpenThen() {
        Instant tuesday = at(next(DayOfWeek.TUESDAY), "10:05");
        assertThat(new StepDelay(2, false).dueAfter(tuesday, WEEKDAYS_9_TO_17)).isEqualTo(at(next(DayOfWeek.TUESDAY).plusDays(2), "10:05"));
    }

    @Test
    void aDelayEndingOnAWeekendWaitsForMondaysOpening() {
        Instant friday = at(next(DayOfWeek.FRIDAY), "16:55");
        assertThat(new StepDelay(1, false).dueAfter(friday, WEEKDAYS_9_TO_17)).isEqualTo(at(next(DayOfWeek.FRIDAY).plusDays(3), "09:00"));
        assertThat(new StepDelay(1, false).dueAfter(friday, EVERY_DAY_9_TO_17)).as("a window open on Saturdays")
                .isEqualTo(at(next(DayOfWeek.FRIDAY).plusDays(1), "16:55"));
    }

    @Test
    void businessDaysSkipTheWeekendWhenCounting() {
        Instant thursday = at(next(DayOfWeek.THURSDAY), "11:00");
        // Friday is 1, Monday 2, Tuesday 3.
        assertThat(new StepDelay(3, true).dueAfter(thursday, EVERY_DAY_9_TO_17)).isEqualTo(at(next(DayOfWeek.THURSDAY).plusDays(5), "11:00"));
        assertThat(new StepDelay(3, false).dueAfter(thursday, EVERY_DAY_9_TO_17)).isEqualTo(at(next(DayOfWeek.THURSDAY).plusDays(3), "11:00"));
    }

    @Test
    void aSendAfterTheWindowClosedMovesToTheNextOpening() {
        Instant mondayEvening = at(next(DayOfWeek.MONDAY), "18:30");
        assertThat(new StepDelay(0, false).dueAfter(mondayEvening, WEEKDAYS_9_TO_17)).isEqualTo(at(next(DayOfWeek.MONDAY).plusDays(1), "09:00"));
        Instant mondayNoon = at(next(DayOfWeek.MONDAY), "12:00");
        assertThat(new StepDelay(0, false).dueAfter(mondayNoon, WEEKDAYS_9_TO_17)).as("open now: at once").isEqualTo(mondayNoon);
    }

    @Test
    void localTimeHoldsAcrossADaylightSavingChange() {
        // The last Sunday of March: Paris moves from UTC+1 to UTC+2, so three days are 71 hours, not 72.
        LocalDate change = LocalDate.of(2031, 3, 1).with(TemporalAdjusters.lastInMonth(DayOfWeek.SUNDAY));
        Instant friday = at(change.minusDays(2), "10:00");
        Instant due = new StepDelay(3, false).dueAfter(friday, WEEKDAYS_9_TO_17);
        assertThat(due).isEqualTo(at(change.plusDays(1), "10:00"));
        assertThat(java.time.Duration.between(friday, due).toHours()).isEqualTo(71);
    }

    @Test
    void aDelayIsZeroToAYear() {
        assertThatThrownBy(() -> new StepDelay(-1, false)).hasMessageContaining("0 to 365");
        assertThatThrownBy(() -> new StepDelay(366, true)).hasMessageContaining("not 366");
        assertThat(new StepDelay(365, false).dueAfter(at(next(DayOfWeek.MONDAY), "10:00"), EVERY_DAY_9_TO_17))
                .isEqualTo(at(next(DayOfWeek.MONDAY).plusDays(365), "10:00"));
    }

    /** The first such weekday on or after a fixed anchor day. */
    private static LocalDate next(DayOfWeek day) {
        return LocalDate.of(2031, 6, 2).with(TemporalAdjusters.nextOrSame(day));
    }

    private static Instant at(LocalDate day, String time) {
        return ZonedDateTime.of(day, LocalTime.parse(time), PARIS).toInstant();
    }
}
