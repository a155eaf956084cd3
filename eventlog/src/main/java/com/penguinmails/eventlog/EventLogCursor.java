package com.penguinmails.eventlog;

import com.penguinmails.core.platform.TimeOrderedKeys;
import java.time.Instant;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Where the next page of a listing starts: the events below {@code position} (the last event shown, or where the store
 * had read down to), found in the stored items from {@code readFrom} down. An item holds several events (a pack) and
 * is keyed by its newest one, so a page that ends inside a pack leaves that pack's older events unshown, below the
 * position in an item keyed above it: {@code readFrom} is the highest key of such an item (the position itself when
 * there is none), and never more than {@link EventLogStore#MAX_SPAN} and a millisecond above the position.
 * <p>
 * Written as {@code @<readFrom>@<position>} ({@code @@<position>} when they are equal); the API wraps it in its opaque
 * cursor. A cursor of the log before packs was the bare position ({@code <13 digits>#<event id>}, always starting with
 * a digit): it resumes reading {@code MAX_SPAN} and a millisecond above its position, the highest any pack holding an
 * event below it can be keyed.
 */
public record EventLogCursor(String position, String readFrom) {

    /** The event's time in epoch millis (13 digits, so until the year 2286), #, its id: where a page ended. */
    private static final Pattern POSITION = Pattern.compile("\\d{13}#[!-~]{1," + EventLogService.MAX_ID_LENGTH + "}");
    /** {@code readFrom} is a pack's key (its id is letters, digits and '_', never '@') or empty for the position itself. */
    private static final Pattern CURSOR = Pattern.compile("@((\\d{13})#[A-Za-z0-9_]{1,100})?@(\\d{13}#.+)");

    /** The cursor in a string, or null when it is not one a listing returned. */
    public static EventLogCursor parse(String cursor) {
        if (cursor == null) {
            return null;
        }
        if (POSITION.matcher(cursor).matches()) {
            return new EventLogCursor(cursor, highestKeyAt(timeOf(cursor) + EventLogStore.MAX_SPAN.toMillis() + 1));
        }
        Matcher matcher = CURSOR.matcher(cursor);
        if (!matcher.matches() || !POSITION.matcher(matcher.group(3)).matches()) {
            return null;
        }
        String position = matcher.group(3);
        if (matcher.group(1) == null) {
            return new EventLogCursor(position, position);
        }
        String readFrom = matcher.group(1);
        // Anything else would make the next page read a span no listing of ours leaves behind.
        boolean ours = readFrom.compareTo(position) > 0
                && Long.parseLong(matcher.group(2)) <= timeOf(position) + EventLogStore.MAX_SPAN.toMillis() + 1;
        return ours ? new EventLogCursor(position, readFrom) : null;
    }

    /** The string {@link #parse} reads back. */
    public String format() {
        return "@" + (readFrom.equals(position) ? "" : readFrom) + "@" + position;
    }

    private static long timeOf(String position) {
        return Long.parseLong(position.substring(0, 13));
    }

    /** Above every key of that millisecond, below every key of the next one. */
    private static String highestKeyAt(long epochMillis) {
        return TimeOrderedKeys.highest(Instant.ofEpochMilli(epochMillis));
    }
}
