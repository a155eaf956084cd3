package com.penguinmails.sending.messages;

import java.time.Instant;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A send request: shared content plus one or more recipients, each with their own variables. The API's single
 * and batch endpoints both become one of these.
 */
public record Submission(String from, String replyTo, String subject, String html, String text, Map<String, String> headers,
                         List<Recipient> recipients, String campaignId, List<String> tags, String ipPool, String mailbox,
                         Instant sendAt, boolean trackOpens, boolean trackClicks) {

    public record Recipient(String to, Map<String, String> variables) {}

    public Submission {
        // Kept as given (null values included) so that CustomHeaders, not Map.copyOf, answers a bad one.
        headers = headers == null ? Map.of() : Collections.unmodifiableMap(new LinkedHashMap<>(headers));
        recipients = recipients == null ? List.of() : List.copyOf(recipients);
        tags = tags == null ? List.of() : List.copyOf(tags);
    }
}
