package com.penguinmails.sending.messages;

import java.time.Instant;

/** One step in a message's life, e.g. sent through ip_x, or bounced with the receiver's diagnostic. */
public record TimelineEntry(MessageStatus status, Instant at, String detail) {
}
