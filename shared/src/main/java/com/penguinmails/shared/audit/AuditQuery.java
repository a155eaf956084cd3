package com.penguinmails.shared.audit;

import java.time.Instant;

/** Filters for reading the audit log; null means no filter. Results are newest first. */
public record AuditQuery(String workspaceId, Instant from, Instant to, String actor, String action,
                         String afterPosition, int limit) {
}
