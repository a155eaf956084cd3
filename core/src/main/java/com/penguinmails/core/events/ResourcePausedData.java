package com.penguinmails.core.events;

import java.time.Instant;

/**
 * The {@code data} of {@code ip.paused} and {@code mailbox.paused}: which sending resource stopped, why, and since when
 * (the time stored with the pause, so a republished event is the same event).
 *
 * @param resourceType {@code ip} or {@code mailbox}
 * @param pausedBy     {@code reputation} when event ingest paused it at the pause line, {@code user} when paused by the API
 */
public record ResourcePausedData(String resourceId, String resourceType, String reason, String pausedBy, Instant pausedAt) {
}
