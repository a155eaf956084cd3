package com.penguinmails.core.events;

import java.time.Instant;
import java.util.List;

/**
 * The {@code data} of every {@code message.*} event: which message, to whom, in which campaign, through which IP or
 * mailbox, and what the receiving side said. The event log filters on {@code recipient} and {@code campaignId}.
 *
 * @param deliveryEventId the id of the SES, tracking or bounce-report event that caused it (none for the sender's own)
 * @param bounceType      {@code hard} or {@code soft}, for {@code message.bounced} only
 * @param url             the link followed, for {@code message.clicked} only
 * @param detail          the receiver's answer, diagnostic, user agent or the sender's reason, when there is one
 * @param pool            the IP pool the send named, when it named one
 * @param sentAt          when the transport accepted the message, once it has
 * @param machine         on opens and clicks: made by a machine (a privacy proxy or a link scanner), not by the reader
 * @param unique          on opens and clicks: the message's first one made by the reader
 */
public record MessageEventData(String messageId, String recipient, String campaignId, List<String> tags, String resourceId,
                               String sendingDomain, String deliveryEventId, String bounceType, String url, String detail,
                               String pool, Instant sentAt, Boolean machine, Boolean unique) {

    public MessageEventData {
        tags = tags == null ? List.of() : List.copyOf(tags);
    }

    /** The same data with what an open or click says about the reader. */
    public MessageEventData withEngagement(boolean machine, boolean unique) {
        return new MessageEventData(messageId, recipient, campaignId, tags, resourceId, sendingDomain, deliveryEventId,
                bounceType, url, detail, pool, sentAt, machine, unique);
    }
}
