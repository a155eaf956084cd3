package com.penguinmails.sending.messages;

/** Where a message is; every change is also appended to its timeline. */
public enum MessageStatus {
    QUEUED, SCHEDULED, SENDING, SENT, DELIVERED, DEFERRED, BOUNCED, COMPLAINED, OPENED, CLICKED, UNSUBSCRIBED,
    SUPPRESSED, FAILED;

    public String wireName() {
        return name().toLowerCase(java.util.Locale.ROOT);
    }
}
