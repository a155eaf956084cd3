package com.penguinmails.identity.audit;

import com.penguinmails.identity.testing.InMemoryAuditLog;

/** {@link AuditLogContract} on the in-memory fake, so tests that use the fake rely on what DynamoDB does. */
class InMemoryAuditLogTest extends AuditLogContract {

    @Override
    AuditLog newLog() {
        return new InMemoryAuditLog();
    }
}
