package com.penguinmails.core.platform;

import java.time.Instant;

/**
 * Sort keys that order items by time in a DynamoDB range: {@code <13-digit epoch millis>#<id>}. The same instant and
 * id always make the same key, so a conditional put of a redelivered item finds its key taken. Times are held to the
 * 13 digits (1970 to 2286), so every key sorts as its time does and a cursor made from one always parses.
 */
public final class TimeOrderedKeys {

    private static final long LAST_MILLI = 9_999_999_999_999L;

    private TimeOrderedKeys() {
    }

    public static String key(Instant time, String id) {
        return prefix(time) + "#" + id;
    }

    /** The lowest key of a range starting at {@code from} (null: the first). */
    public static String lowest(Instant from) {
        return prefix(from == null ? Instant.EPOCH : from);
    }

    /** The highest key of a range ending at {@code to}, that instant included (null: the last). */
    public static String highest(Instant to) {
        return prefix(to == null ? Instant.ofEpochMilli(LAST_MILLI) : to) + "~";
    }

    private static String prefix(Instant instant) {
        return String.format("%013d", Math.min(LAST_MILLI, Math.max(0, instant.toEpochMilli())));
    }
}
