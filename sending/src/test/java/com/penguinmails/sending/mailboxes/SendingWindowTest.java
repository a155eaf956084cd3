package com.penguinmails.sending.mailboxes;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.DayOfWeek;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.EnumSet;
import java.util.List;
import org.junit.jupiter.api.Test;

class SendingWindowTest {

    private static final ZoneId BERLIN = ZoneId.of("Europe/Berlin");
    private static final ZoneId LOS_ANGELES = ZoneId.of("America/Los_Angeles");

    @Test
    void defaultsToNineToFiveOnWeekdaysInTheMailboxesZone() {
        SendingWindow berlin = SendingWindow.workingHours(BERLIN);

        // Wednesday 2026-11-25: Berlin is UTC+1 in winter.
        assertThat(berlin.contains(Instant.parse("2026-11-25T07:59:59Z"))).as("08:59:59 local").isFalse();
        assertThat(berlin.contains(Instant.parse("2026-11-25T08:00:00Z"))).as("09:00 local").isTrue();
        assertThat(berlin.contains(Instant.parse("2026-11-25T15:59:59Z"))).as("16:59:59 local").isTrue();
        assertThat(berlin.contains(Instant.parse("2026-11-25T16:00:00Z"))).as("17:00 local: closed").isFalse();
        assertThat(berlin.dayNames()).containsExactly("MON", "TUE", "WED", "THU", "FRI");
        assertThat(berlin.start()).isEqualTo("09:00");
        assertThat(berlin.end()).isEqualTo("17:00");
    }

    @Test
    void theSameInstantIsWorkingTimeInOneZoneAndNightInAnother() {
        Instant noonUtc = Instant.parse("2026-11-25T12:00:00Z");

        assertThat(SendingWindow.workingHours(BERLIN).contains(noonUtc)).as("13:00 in Berlin").isTrue();
        assertThat(SendingWindow.workingHours(LOS_ANGELES).contains(noonUtc)).as("04:00 in Los Angeles").isFalse();
        assertThat(SendingWindow.workingHours(LOS_ANGELES).nextOpening(noonUtc)).as("09:00 PST is 17:00 UTC")
                .isEqualTo(Instant.parse("2026-11-25T17:00:00Z"));
    }

    @Test
    void fridayEveningWaitsForMondayMorningAndWeekendsAreClosed() {
        SendingWindow berlin = SendingWindow.workingHours(BERLIN);
        Instant fridayEvening = Instant.parse("2026-11-27T18:00:00Z");

        assertThat(berlin.contains(Instant.parse("2026-11-28T10:00:00Z"))).as("Saturday 11:00").isFalse();
        assertThat(berlin.contains(Instant.parse("2026-11-29T10:00:00Z"))).as("Sunday 11:00").isFalse();
        assertThat(berlin.nextOpening(fridayEvening)).isEqualTo(Instant.parse("2026-11-30T08:00:00Z"));
        assertThat(berlin.firstOpeningAfter(LocalDate.parse("2026-11-27"))).as("the day after Friday's cap ran out")
                .isEqualTo(Instant.parse("2026-11-30T08:00:00Z"));
        Instant inside = Instant.parse("2026-11-25T10:00:00Z");
        assertThat(berlin.nextOpening(inside)).as("open now: now").isEqualTo(inside);
    }

    @Test
    void theLocalDayFollowsTheZonesMidnight() {
        Instant lateUtc = Instant.parse("2026-11-25T23:30:00Z");

        assertThat(SendingWindow.workingHours(BERLIN).localDate(lateUtc)).isEqualTo(LocalDate.parse("2026-11-26"));
        assertThat(SendingWindow.workingHours(LOS_ANGELES).localDate(lateUtc)).isEqualTo(LocalDate.parse("2026-11-25"));
    }

    @Test
    void daylightSavingShiftsTheWindowInUtc() {
        SendingWindow berlin = SendingWindow.workingHours(BERLIN);

        assertThat(berlin.openingOn(LocalDate.parse("2026-03-27"))).as("CET, UTC+1").isEqualTo(Instant.parse("2026-03-27T08:00:00Z"));
        assertThat(berlin.openingOn(LocalDate.parse("2026-03-30"))).as("CEST, UTC+2").isEqualTo(Instant.parse("2026-03-30T07:00:00Z"));
        SendingWindow earlyBird = SendingWindow.parse(BERLIN, "02:30", "05:00", List.of("SUN"));
        assertThat(earlyBird.openingOn(LocalDate.parse("2026-03-29"))).as("02:30 does not exist that night; opens at 03:30 CEST")
                .isEqualTo(Instant.parse("2026-03-29T01:30:00Z"));
    }

    @Test
    void allDayEveryDayWithTwentyFourHundred() {
        SendingWindow always = SendingWindow.parse(ZoneOffset.UTC, "00:00", "24:00",
                List.of("mon", "Tuesday", "WED", "thu", "FRI", "sat", "SUN"));

        assertThat(always.contains(Instant.parse("2026-11-28T23:59:59Z"))).isTrue();
        assertThat(always.contains(Instant.parse("2026-11-29T00:00:00Z"))).isTrue();
        assertThat(always.closingOn(LocalDate.parse("2026-11-28"))).isEqualTo(Instant.parse("2026-11-29T00:00:00Z"));
        assertThat(always.end()).isEqualTo("24:00");
        assertThat(always.days()).isEqualTo(EnumSet.allOf(DayOfWeek.class));
    }

    @Test
    void refusesWindowsThatEndBeforeTheyStartOrUnknownDays() {
        assertThatThrownBy(() -> SendingWindow.parse(ZoneOffset.UTC, "17:00", "09:00", null)).hasMessageContaining("start before they end");
        assertThatThrownBy(() -> SendingWindow.parse(ZoneOffset.UTC, "9am", null, null)).hasMessageContaining("HH:mm");
        assertThatThrownBy(() -> SendingWindow.parse(ZoneOffset.UTC, null, null, List.of("Funday"))).hasMessageContaining("unknown day");
        assertThatThrownBy(() -> SendingWindow.parse(ZoneOffset.UTC, null, null, List.of())).hasMessageContaining("at least one day");
    }
}
