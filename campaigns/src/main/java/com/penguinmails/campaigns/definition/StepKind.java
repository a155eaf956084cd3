package com.penguinmails.campaigns.definition;

import java.util.Locale;

/**
 * An email the platform sends, or a task on another channel (a LinkedIn visit, a call) that a person or a tool does;
 * a task step waits for that channel's activity (POST /v1/channel-events) before the sequence moves on.
 */
public enum StepKind {
    EMAIL, TASK;

    public String wireName() {
        return name().toLowerCase(Locale.ROOT);
    }
}
