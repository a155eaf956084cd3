package com.penguinmails.identity.audit;

import com.penguinmails.core.platform.Ids;
import java.time.Clock;
import java.util.Map;

/** Writes audit events stamped with the platform clock and a fresh id. */
public final class AuditRecorder {

    private final AuditLog log;
    private final Clock clock;

    public AuditRecorder(AuditLog log, Clock clock) {
        this.log = log;
        this.clock = clock;
    }

    public AuditEvent record(String workspaceId, String actor, String action, String target, String sourceIp,
                             String outcome, Map<String, String> details) {
        AuditEvent event = new AuditEvent(Ids.newId("evt"), workspaceId, clock.instant(), actor, action, target,
                sourceIp, outcome, details);
        log.append(event);
        return event;
    }

    public AuditEvent success(Caller caller, String action, String target, Map<String, String> details) {
        return record(caller.principal().workspaceId(), caller.principal().actor(), action, target, caller.sourceIp(),
                "success", details);
    }

    /** A refused action: {@code outcome} says why (e.g. {@code missing-scope:full}), so the log shows what was tried. */
    public AuditEvent failure(Caller caller, String action, String target, String outcome, Map<String, String> details) {
        return record(caller.principal().workspaceId(), caller.principal().actor(), action, target, caller.sourceIp(),
                outcome, details);
    }
}
