package com.penguinmails.core.events;

import java.util.List;

/**
 * The {@code data} of every {@code message.*} event: which message, to whom, in which campaign, through which IP or
 * mailbox, and what the receiving side said. The event log filters on {@code recipient} and {@code campaignId}.
 *
 * @param deliveryEventId the id of the SES, tracking or bounce-report event that caused it (none for the sender's own)
 * @param bounceType      {@code hard} or {@code soft}, for {@code message.bounced} only
 * @param url             the link followed, for {@code message.clicked} only
 * @param detail          the receiver's answer, diagnostic, user agent or the sender's reason, when there is one
 */
public record MessageEventData(String messageId, String recipient, String campaignId, List<String> tags, String resourceId,
                               String sendingDomain, String deliveryEventId, String bounceType, String url, String detail) {

    public MessageEventData {
        tags = tags == null ? List.of() : List.copyOf(tags);
    }
}
