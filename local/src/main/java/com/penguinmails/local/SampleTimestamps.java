package com.penguinmails.local;

import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.function.Function;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Moves every time in a sample event (the files under {@code events/}) so that the event happened just now on the
 * platform clock. The samples carry the dates they were written on, and ingest rightly counts an event on the day
 * of its own timestamp: fed as they are, a week later they fall outside the 7-day reputation window and show
 * nothing. All times move by the same amount, so the sample's latest time becomes now and the intervals between its
 * times (sent, then bounced five seconds later) stay as they were.
 *
 * <p>Two notations are recognised: ISO-8601 UTC instants as JSON carries them ({@code 2026-11-25T10:00:05.000Z},
 * also inside a JSON string such as an SNS {@code Message}), and RFC 5322 dates as mail headers and DSN fields
 * carry them ({@code Wed, 25 Nov 2026 10:00:07 +0000}). Each keeps its own notation and precision.
 */
final class SampleTimestamps {

    private static final Pattern ISO_INSTANT = Pattern.compile("\\d{4}-\\d{2}-\\d{2}T\\d{2}:\\d{2}:\\d{2}(\\.\\d{1,9})?Z");
    private static final Pattern RFC_5322 = Pattern.compile(
            "(?:(?:Mon|Tue|Wed|Thu|Fri|Sat|Sun), )?\\d{1,2} (?:Jan|Feb|Mar|Apr|May|Jun|Jul|Aug|Sep|Oct|Nov|Dec) \\d{4} \\d{2}:\\d{2}:\\d{2} [+-]\\d{4}");
    private static final DateTimeFormatter ISO_SECONDS = DateTimeFormatter.ofPattern("uuuu-MM-dd'T'HH:mm:ss", Locale.ROOT);

    private SampleTimestamps() {
    }

    /** The sample with its latest time moved to {@code now} and every other time moved by as much. */
    static String shiftedTo(String sample, Instant now) {
        List<Stamp> stamps = find(sample);
        Optional<Instant> latest = stamps.stream().map(Stamp::instant).max(Comparator.naturalOrder());
        if (latest.isEmpty()) {
            return sample;
        }
        Duration shift = Duration.between(latest.get(), now);
        StringBuilder shifted = new StringBuilder(sample.length());
        int copiedUpTo = 0;
        for (Stamp stamp : stamps) {
            shifted.append(sample, copiedUpTo, stamp.start()).append(stamp.writer().apply(stamp.instant().plus(shift)));
            copiedUpTo = stamp.end();
        }
        return shifted.append(sample.substring(copiedUpTo)).toString();
    }

    private static List<Stamp> find(String sample) {
        List<Stamp> stamps = new ArrayList<>();
        Matcher iso = ISO_INSTANT.matcher(sample);
        while (iso.find()) {
            int fractionDigits = iso.group(1) == null ? 0 : iso.group(1).length() - 1;
            try {
                stamps.add(new Stamp(iso.start(), iso.end(), Instant.parse(iso.group()), at -> isoInstant(at, fractionDigits)));
            } catch (DateTimeParseException e) {
                // looks like a time but is none (31 Feb): left as it is
            }
        }
        Matcher rfc = RFC_5322.matcher(sample);
        while (rfc.find()) {
            String original = rfc.group();
            try {
                ZonedDateTime date = ZonedDateTime.parse(withDayName(original), DateTimeFormatter.RFC_1123_DATE_TIME);
                stamps.add(new Stamp(rfc.start(), rfc.end(), date.toInstant(), at -> rfc5322(at, date.getOffset(), original)));
            } catch (DateTimeParseException e) {
                // the same for a date; also one whose day name does not fit its date
            }
        }
        stamps.sort(Comparator.comparingInt(Stamp::start));
        return stamps;
    }

    private static String isoInstant(Instant instant, int fractionDigits) {
        OffsetDateTime utc = instant.atOffset(ZoneOffset.UTC);
        String seconds = ISO_SECONDS.format(utc);
        if (fractionDigits == 0) {
            return seconds + "Z";
        }
        String nanos = String.format(Locale.ROOT, "%09d", utc.getNano());
        return seconds + "." + nanos.substring(0, fractionDigits) + "Z";
    }

    private static String rfc5322(Instant instant, ZoneOffset offset, String original) {
        String formatted = DateTimeFormatter.RFC_1123_DATE_TIME.format(instant.atOffset(offset));
        // RFC_1123 writes +0000 as "GMT"; keep the numeric zone the sample used.
        formatted = formatted.endsWith("GMT") ? formatted.substring(0, formatted.length() - 3) + "+0000" : formatted;
        return Character.isDigit(original.charAt(0)) ? formatted.substring(formatted.indexOf(", ") + 2) : formatted;
    }

    /** The day name is optional in RFC 5322; Java's parser wants it, so a date without one is read with its own. */
    private static String withDayName(String date) {
        if (!Character.isDigit(date.charAt(0))) {
            return date;
        }
        ZonedDateTime parsed = ZonedDateTime.parse(date, DateTimeFormatter.ofPattern("d MMM uuuu HH:mm:ss Z", Locale.ROOT));
        return DateTimeFormatter.RFC_1123_DATE_TIME.format(parsed);
    }

    /** One time found in a sample: where it stands, what it says, and how to write another time the same way. */
    private record Stamp(int start, int end, Instant instant, Function<Instant, String> writer) {}
}
