package com.penguinmails.workflows.engine;

import java.time.Instant;

/**
 * What a waiting run waits for: a timer ({@code eventType} null) or an event of {@code eventType} about
 * {@code contact} or {@code campaignId} (whichever the run knows), until {@code until}.
 */
public record Waiting(String path, String eventType, Instant until, String contact, String campaignId) {

    public boolean forEvent() {
        return eventType != null;
    }
}
