package com.penguinmails.shared.audit;

import com.penguinmails.shared.paging.Page;

/** Append-only: events are written once (a replayed write of the same id is a no-op) and never changed. */
public interface AuditLog {

    void append(AuditEvent event);

    Page<AuditEvent> query(AuditQuery query);
}
