package com.penguinmails.identity.audit;

import com.penguinmails.core.paging.Page;

/**
 * The audit log as its readers and the audit-writer see it: a workspace's events, newest first, and events that
 * functions queued off the request path (authentication failures), appended once each however often they arrive.
 */
public final class AuditTrail {

    private final AuditLog log;

    public AuditTrail(AuditLog log) {
        this.log = log;
    }

    public Page<AuditEvent> query(AuditQuery query) {
        return log.query(query);
    }

    /** Appends a queued event; its key is part of the event, so a redelivered copy is not stored twice. */
    public void appendQueued(AuditEvent event) {
        log.append(event);
    }
}
