package com.penguinmails.embedded;

import java.time.Instant;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Stream;

/**
 * One message {@link MailSink} received over SMTP (one per SMTP transaction, however many recipients it had).
 *
 * @param messageId  the Message-ID header, angle brackets included; {@code null} if the sender set none
 * @param from       the From header, decoded, display name included (e.g. {@code Ann <ann@example.com>})
 * @param to         the envelope recipients (RCPT TO, so Bcc included): those named in the headers first, in
 *                   header order
 * @param subject    the decoded Subject header
 * @param headers    every header, values unfolded but not decoded; names are looked up case-insensitively
 * @param text       the first text/plain body part that is not an attachment, or {@code null}
 * @param html       the first text/html body part that is not an attachment, or {@code null}
 * @param receivedAt when the SMTP transaction completed
 */
public record CapturedMessage(String messageId, String from, List<String> to, String subject,
        Map<String, List<String>> headers, String text, String html, Instant receivedAt) {

    public CapturedMessage {
        to = List.copyOf(to);
        Map<String, List<String>> byName = new TreeMap<>(String.CASE_INSENSITIVE_ORDER);
        headers.forEach((name, values) -> byName.merge(name, List.copyOf(values),
                (earlier, later) -> Stream.concat(earlier.stream(), later.stream()).toList()));
        headers = Collections.unmodifiableMap(byName);
    }
}
