package com.penguinmails.sending.messages;

import com.penguinmails.core.problems.ApiProblem;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.TreeSet;
import java.util.regex.Pattern;

/**
 * The extra headers a sender may put on its mail ({@code headers} of a send or batch): names starting with
 * {@code X-} and the few standard ones in {@link #STANDARD}, nothing else. Every header that says who the mail is
 * from or to, or that the platform writes itself, is refused by name ({@link #PLATFORM_OWNED}): a custom
 * {@code From} would skip the verified-domain check, and {@code DKIM-Signature} or {@code Received} would forge
 * what receivers trust. Names are RFC 5322 field names, values printable US-ASCII on one line, so no CR or LF can
 * start a header of its own.
 */
public final class CustomHeaders {

    public static final int MAX_HEADERS = 20;
    public static final int MAX_NAME_LENGTH = 64;
    /** Keeps "Name: value" within RFC 5322's 998-character line without folding. */
    public static final int MAX_VALUE_LENGTH = 900;
    /** Standard headers a sender may set besides {@code X-} ones (threading and labels; none carries an address). */
    public static final List<String> STANDARD = List.of("In-Reply-To", "References", "Comments", "Keywords");
    /** Refused with their own message: the platform sets these (or they come from the request's own fields). */
    public static final List<String> PLATFORM_OWNED = List.of("From", "To", "Cc", "Bcc", "Sender", "Reply-To", "Return-Path",
            "Message-ID", "List-Unsubscribe*", "DKIM-Signature", "Received", "X-PM-*");

    // RFC 5322 field-name: printable US-ASCII except the colon.
    private static final Pattern FIELD_NAME = Pattern.compile("[!-9;-~]+");
    // Printable US-ASCII, space and tab: no CR, LF or other control characters, nothing to encode.
    private static final Pattern FIELD_VALUE = Pattern.compile("[ \\t!-~]*");

    private CustomHeaders() {
    }

    /**
     * The headers as they will be sent; any header that may not be sent is a 400
     * {@code invalid-field} naming it ({@code headers.From}). Null means none.
     */
    public static Map<String, String> validated(Map<String, String> headers) {
        if (headers == null || headers.isEmpty()) {
            return Map.of();
        }
        if (headers.size() > MAX_HEADERS) {
            throw ApiProblem.invalidField("headers", "At most " + MAX_HEADERS + " custom headers; there were " + headers.size() + ".");
        }
        TreeSet<String> seen = new TreeSet<>(String.CASE_INSENSITIVE_ORDER);
        Map<String, String> valid = new LinkedHashMap<>();
        for (Map.Entry<String, String> header : headers.entrySet()) {
            String name = header.getKey();
            Optional<String> problem = problem(name, header.getValue());
            if (problem.isPresent()) {
                throw ApiProblem.invalidField("headers." + shown(name), problem.get());
            }
            if (!seen.add(name)) {
                throw ApiProblem.invalidField("headers." + name, "The header " + name + " is given twice (header names ignore case).");
            }
            valid.put(name, header.getValue());
        }
        return Collections.unmodifiableMap(valid);
    }

    /**
     * Only the headers {@link #validated} would accept: what is composed into the mail, so that content stored
     * before these rules (or written around them) can never put a platform-owned or malformed header on the wire.
     */
    public static Map<String, String> deliverable(Map<String, String> stored) {
        Map<String, String> deliverable = new LinkedHashMap<>();
        TreeSet<String> seen = new TreeSet<>(String.CASE_INSENSITIVE_ORDER);
        stored.forEach((name, value) -> {
            if (problem(name, value).isEmpty() && seen.add(name)) {
                deliverable.put(name, value);
            }
        });
        return deliverable;
    }

    /** Why this header may not be sent, if it may not. */
    private static Optional<String> problem(String name, String value) {
        if (name == null || name.isEmpty()) {
            return Optional.of("A header name cannot be empty.");
        }
        if (name.length() > MAX_NAME_LENGTH) {
            return Optional.of("Header names are at most " + MAX_NAME_LENGTH + " characters.");
        }
        if (!FIELD_NAME.matcher(name).matches()) {
            return Optional.of("The header name '" + shown(name) + "' may hold only printable ASCII characters other than ':' "
                    + "(no spaces, CR or LF).");
        }
        if (isPlatformOwned(name)) {
            return Optional.of(name + " is set by the platform and cannot be a custom header" + hint(name) + ".");
        }
        if (!isAllowed(name)) {
            return Optional.of(name + " cannot be a custom header: use a name starting with X- (not X-PM-), or one of "
                    + String.join(", ", STANDARD) + ".");
        }
        if (value == null) {
            return Optional.of("The value of " + name + " must be a string, not null.");
        }
        if (value.length() > MAX_VALUE_LENGTH) {
            return Optional.of("The value of " + name + " is at most " + MAX_VALUE_LENGTH + " characters.");
        }
        if (!FIELD_VALUE.matcher(value).matches()) {
            return Optional.of("The value of " + name + " may hold only printable ASCII characters, spaces and tabs (no CR or LF).");
        }
        return Optional.empty();
    }

    private static boolean isPlatformOwned(String name) {
        String lower = name.toLowerCase(Locale.ROOT);
        for (String owned : PLATFORM_OWNED) {
            String ownedLower = owned.toLowerCase(Locale.ROOT);
            boolean matches = ownedLower.endsWith("*")
                    ? lower.startsWith(ownedLower.substring(0, ownedLower.length() - 1))
                    : lower.equals(ownedLower);
            if (matches) {
                return true;
            }
        }
        return false;
    }

    private static boolean isAllowed(String name) {
        return (name.length() > 2 && name.regionMatches(true, 0, "X-", 0, 2))
                || STANDARD.stream().anyMatch(name::equalsIgnoreCase);
    }

    private static String hint(String name) {
        return switch (name.toLowerCase(Locale.ROOT)) {
            case "from" -> " (use the from field, an address on a verified domain)";
            case "reply-to" -> " (use the replyTo field)";
            case "to", "cc", "bcc" -> " (each recipient is its own message: use to, or recipients in a batch)";
            default -> "";
        };
    }

    /** A name as problems show it: long or odd names cut short, so a problem never echoes a huge input. */
    private static String shown(String name) {
        if (name == null) {
            return "";
        }
        return name.length() > MAX_NAME_LENGTH + 16 ? name.substring(0, MAX_NAME_LENGTH) + "..." : name;
    }
}
