package com.penguinmails.identity.audit;

import com.penguinmails.core.paging.Page;

/** Append-only: events are written once (a replayed write of the same id is a no-op) and never changed. */
public interface AuditLog {

    void append(AuditEvent event);

    Page<AuditEvent> query(AuditQuery query);
}
