package com.penguinmails.identity.audit;

import java.time.Instant;
import java.util.Map;

/**
 * One line of the append-only audit log. {@code workspaceId} is {@link #UNATTRIBUTED} for failures that cannot
 * be tied to a workspace (a missing or unknown key). {@code outcome} is {@code success} or the failure reason.
 */
public record AuditEvent(String id, String workspaceId, Instant occurredAt, String actor, String action,
                         String target, String sourceIp, String outcome, Map<String, String> details) {

    public static final String UNATTRIBUTED = "_unattributed";

    public AuditEvent {
        details = details == null ? Map.of() : Map.copyOf(details);
    }
}
