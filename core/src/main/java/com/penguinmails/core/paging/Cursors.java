package com.penguinmails.core.paging;

import com.penguinmails.core.problems.ApiProblem;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.function.Predicate;

/**
 * Opaque pagination cursors. A cursor carries only the sort-key position inside the caller's own partition, so a
 * cursor from another workspace can never reach across tenants: the partition key always comes from the caller.
 */
public final class Cursors {

    private static final String VERSION = "v1:";

    private Cursors() {
    }

    public static String encode(String position) {
        if (position == null) {
            return null;
        }
        return Base64.getUrlEncoder().withoutPadding().encodeToString((VERSION + position).getBytes(StandardCharsets.UTF_8));
    }

    /**
     * The position inside a cursor; null when there is no cursor; a 400 when it was not made by us, which includes a
     * position the list's store could not have written ({@code isPosition} false: wrong shape, too long for a key).
     */
    public static String decode(String cursor, Predicate<String> isPosition) {
        if (cursor == null || cursor.isBlank()) {
            return null;
        }
        try {
            String decoded = new String(Base64.getUrlDecoder().decode(cursor), StandardCharsets.UTF_8);
            if (decoded.startsWith(VERSION) && decoded.length() > VERSION.length() && isPosition.test(decoded.substring(VERSION.length()))) {
                return decoded.substring(VERSION.length());
            }
        } catch (IllegalArgumentException e) {
            // fall through to the problem below
        }
        throw ApiProblem.invalidField("cursor", "The cursor is not one this API returned; start again without it.");
    }

    /** Clamps a requested page size to 1..max, with a default when absent. */
    public static int limit(String requested, int defaultLimit, int max) {
        if (requested == null || requested.isBlank()) {
            return defaultLimit;
        }
        try {
            int value = Integer.parseInt(requested.trim());
            if (value >= 1 && value <= max) {
                return value;
            }
        } catch (NumberFormatException e) {
            // fall through to the problem below
        }
        throw ApiProblem.invalidField("limit", "limit must be a whole number from 1 to " + max + ".");
    }
}
