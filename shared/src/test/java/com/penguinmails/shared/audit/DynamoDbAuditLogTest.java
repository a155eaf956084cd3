package com.penguinmails.shared.audit;

import com.penguinmails.embedded.EmbeddedDynamoDbExtension;
import com.penguinmails.shared.testing.TestPlatforms;
import com.penguinmails.shared.wiring.Services;
import java.util.Map;
import org.junit.jupiter.api.extension.RegisterExtension;

/** {@link AuditLogContract} on DynamoDB (dynalite). */
class DynamoDbAuditLogTest extends AuditLogContract {

    @RegisterExtension
    static final EmbeddedDynamoDbExtension DYNAMO = new EmbeddedDynamoDbExtension();

    @Override
    AuditLog newLog() {
        return Services.auditLog(TestPlatforms.withAllTables(DYNAMO, clock, Map.of()));
    }
}
