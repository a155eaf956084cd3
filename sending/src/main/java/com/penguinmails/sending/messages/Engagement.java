package com.penguinmails.sending.messages;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Locale;
import java.util.regex.Pattern;

/**
 * Whether an open or a click was the reader's. Apple Mail Privacy Protection fetches every image of a message as it
 * arrives, through a proxy whose user agent says no more than {@code Mozilla/5.0}; security gateways follow every
 * link seconds after delivery, and announce themselves as scanners or scripts. Counting those as the reader's inflates
 * open and click rates (peers' dashboards mostly do), so they are flagged and reported apart, and a message's unique
 * open or click is its first one the reader made.
 */
public final class Engagement {

    /** An open or click this soon after the transport accepted the message is taken for a machine's. */
    public static final Duration MACHINE_WINDOW = Duration.ofSeconds(10);

    private static final Pattern SCANNER = Pattern.compile(
            "bot|spider|crawler|scanner|preview|barracuda|proofpoint|mimecast|symantec|messagelabs|trendmicro|fireeye"
                    + "|safelinks|python-requests|curl/|wget/|go-http-client|java/|okhttp|headless");

    private Engagement() {
    }

    /** Whether an open or click at {@code at}, with this user agent, was made by a machine. */
    public static boolean byMachine(Instant at, Instant sentAt, String userAgent) {
        if (sentAt != null && Duration.between(sentAt, at).compareTo(MACHINE_WINDOW) < 0) {
            return true;
        }
        if (userAgent == null || userAgent.isBlank()) {
            return false;
        }
        String ua = userAgent.trim();
        // Apple's privacy proxy sends exactly this; a real browser always says more.
        return ua.equals("Mozilla/5.0") || SCANNER.matcher(ua.toLowerCase(Locale.ROOT)).find();
    }

    /**
     * Whether the reader's open or click at {@code at} is the message's first of its kind made by the reader, looking
     * at the message's timeline as stored after it (entries of that status in the order they were recorded).
     */
    public static boolean firstByReader(Message message, MessageStatus status, Instant at) {
        Instant sentAt = MessageEvents.sentAt(message).orElse(null);
        List<TimelineEntry> ofKind = message.timeline().stream().filter(e -> e.status() == status).toList();
        return ofKind.stream().filter(e -> !byMachine(e.at(), sentAt, e.detail())).map(TimelineEntry::at)
                .min(Instant::compareTo).map(first -> first.equals(at)).orElse(true);
    }
}
