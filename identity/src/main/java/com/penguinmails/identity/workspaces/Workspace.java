package com.penguinmails.identity.workspaces;

import java.time.Instant;

/**
 * The tenant: every resource belongs to exactly one workspace. {@code postalAddress} is printed in the footer of
 * every email it sends (CAN-SPAM asks for a valid physical postal address); null until the owner sets it.
 * {@code eventRetentionDays}: how long its event log keeps each event ({@link #DEFAULT_EVENT_RETENTION_DAYS} until
 * the owner changes it).
 */
public record Workspace(String id, String name, Instant createdAt, String postalAddress, int eventRetentionDays) {

    public static final int DEFAULT_EVENT_RETENTION_DAYS = 30;
    /**
     * Up to 400 days: a year of events plus a month, enough to compare a month with the same month a year before;
     * the audit log keeps as long. Longer-lived figures belong in analytics roll-ups, not in raw events.
     */
    public static final int MAX_EVENT_RETENTION_DAYS = 400;
}
