package com.penguinmails.sending.mailboxes;

import com.fasterxml.jackson.annotation.JsonIgnore;
import java.time.DayOfWeek;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.time.format.TextStyle;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.Set;

/**
 * When a mailbox may send: working hours on some days of the week, in the mailbox's own time zone (a person's
 * mailbox that mails at 3 a.m. local time looks like a robot). {@code [start, end)}, minutes of the local day;
 * {@code end} may be 1440 ("24:00", the end of the day). Windows never span midnight: {@code start < end}.
 * Daylight-saving changes are the zone's: a start inside a spring-forward gap opens at the first valid time.
 *
 * @param zone        the mailbox's time zone
 * @param days        the days it works, at least one
 * @param startMinute opening, minutes after local midnight, 0 to 1439
 * @param endMinute   closing, minutes after local midnight, {@code startMinute + 1} to 1440
 */
public record SendingWindow(ZoneId zone, Set<DayOfWeek> days, int startMinute, int endMinute) {

    public static final int END_OF_DAY = 24 * 60;

    public SendingWindow {
        Objects.requireNonNull(zone, "zone");
        if (days == null || days.isEmpty()) {
            throw new IllegalArgumentException("working hours need at least one day");
        }
        days = Set.copyOf(EnumSet.copyOf(days));
        if (startMinute < 0 || startMinute >= END_OF_DAY || endMinute <= startMinute || endMinute > END_OF_DAY) {
            throw new IllegalArgumentException("working hours must start before they end, within one day (00:00 to 24:00); got "
                    + format(startMinute) + " to " + format(endMinute));
        }
    }

    /** 09:00 to 17:00, Monday to Friday, in {@code zone}. */
    public static SendingWindow workingHours(ZoneId zone) {
        return new SendingWindow(zone, EnumSet.range(DayOfWeek.MONDAY, DayOfWeek.FRIDAY), 9 * 60, 17 * 60);
    }

    /**
     * From the API's strings: {@code "09:00"}, {@code "24:00"} for the end of the day, days as {@code MON} or
     * {@code MONDAY} in any case. Null parts take the defaults (09:00, 17:00, Monday to Friday).
     */
    public static SendingWindow parse(ZoneId zone, String start, String end, List<String> days) {
        int startMinute = start == null ? 9 * 60 : minutes(start, "start");
        int endMinute = end == null ? 17 * 60 : minutes(end, "end");
        Set<DayOfWeek> parsedDays = EnumSet.noneOf(DayOfWeek.class);
        if (days == null) {
            parsedDays.addAll(EnumSet.range(DayOfWeek.MONDAY, DayOfWeek.FRIDAY));
        } else {
            for (String day : days) {
                parsedDays.add(day(day));
            }
        }
        return new SendingWindow(zone, parsedDays, startMinute, endMinute);
    }

    /** Whether a mail may go out at {@code instant}. */
    public boolean contains(Instant instant) {
        ZonedDateTime local = instant.atZone(zone);
        if (!days.contains(local.getDayOfWeek())) {
            return false;
        }
        return !instant.isBefore(openingOn(local.toLocalDate())) && instant.isBefore(closingOn(local.toLocalDate()));
    }

    /** The mailbox's calendar day at {@code instant}: its daily caps and ledger rows follow its own midnight. */
    public LocalDate localDate(Instant instant) {
        return instant.atZone(zone).toLocalDate();
    }

    /** {@code from} itself when the window is open then, else the next opening after it. */
    public Instant nextOpening(Instant from) {
        LocalDate day = localDate(from);
        for (int i = 0; i <= 8; i++, day = day.plusDays(1)) {
            if (!days.contains(day.getDayOfWeek())) {
                continue;
            }
            Instant open = openingOn(day);
            if (from.isBefore(open)) {
                return open;
            }
            if (from.isBefore(closingOn(day))) {
                return from;
            }
        }
        throw new IllegalStateException("no opening within 8 days; days " + days);
    }

    /** The first opening on a day after {@code day}: where work goes once today's cap is used up. */
    public Instant firstOpeningAfter(LocalDate day) {
        LocalDate next = day.plusDays(1);
        for (int i = 0; i < 7; i++, next = next.plusDays(1)) {
            if (days.contains(next.getDayOfWeek())) {
                return openingOn(next);
            }
        }
        throw new IllegalStateException("no working day in a week; days " + days);
    }

    /** When the window of local day {@code day} opens (whether or not it is a working day). */
    public Instant openingOn(LocalDate day) {
        return ZonedDateTime.of(day, LocalTime.of(startMinute / 60, startMinute % 60), zone).toInstant();
    }

    /** When the window of local day {@code day} closes; 24:00 is the next local midnight. */
    public Instant closingOn(LocalDate day) {
        if (endMinute == END_OF_DAY) {
            return day.plusDays(1).atStartOfDay(zone).toInstant();
        }
        return ZonedDateTime.of(day, LocalTime.of(endMinute / 60, endMinute % 60), zone).toInstant();
    }

    @JsonIgnore
    public String start() {
        return format(startMinute);
    }

    @JsonIgnore
    public String end() {
        return format(endMinute);
    }

    /** Days in week order as {@code MON}, {@code TUE}, ... */
    @JsonIgnore
    public List<String> dayNames() {
        List<String> names = new ArrayList<>();
        for (DayOfWeek day : EnumSet.copyOf(days)) {
            names.add(day.getDisplayName(TextStyle.SHORT, Locale.ROOT).toUpperCase(Locale.ROOT));
        }
        return names;
    }

    private static int minutes(String text, String which) {
        String value = text.strip();
        if ("24:00".equals(value)) {
            return END_OF_DAY;
        }
        try {
            LocalTime time = LocalTime.parse(value);
            if (time.getSecond() != 0 || time.getNano() != 0) {
                throw new IllegalArgumentException("working hours' " + which + " is whole minutes, HH:mm; got '" + text + "'");
            }
            return time.getHour() * 60 + time.getMinute();
        } catch (java.time.format.DateTimeParseException e) {
            throw new IllegalArgumentException("working hours' " + which + " must be HH:mm (00:00 to 24:00); got '" + text + "'", e);
        }
    }

    private static DayOfWeek day(String text) {
        String value = text == null ? "" : text.strip().toUpperCase(Locale.ROOT);
        for (DayOfWeek day : DayOfWeek.values()) {
            if (day.name().equals(value) || day.name().substring(0, 3).equals(value)) {
                return day;
            }
        }
        throw new IllegalArgumentException("unknown day '" + text + "'; use MON, TUE, WED, THU, FRI, SAT, SUN");
    }

    private static String format(int minute) {
        return String.format(Locale.ROOT, "%02d:%02d", minute / 60, minute % 60);
    }
}
