package com.penguinmails.workflows.engine;

import java.time.Instant;

/**
 * One thing that happened to a run, in order: a step that ran ({@code succeeded}, {@code retrying} after a failure,
 * {@code failed} for good), a branch or split taken, a wait begun, resumed by an event or timed out.
 */
public record HistoryEntry(String path, String type, String outcome, int attempt, Instant at, String detail) {}
