package com.penguinmails.identity.audit;

import static org.assertj.core.api.Assertions.assertThat;

import com.penguinmails.core.paging.Page;
import com.penguinmails.core.platform.Platform;
import com.penguinmails.core.testing.TestClock;
import com.penguinmails.core.testing.TestPlatforms;
import com.penguinmails.embedded.EmbeddedDynamoDbExtension;
import com.penguinmails.identity.IdentityWiring;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.extension.RegisterExtension;

/** {@link AuditLogContract} on DynamoDB (dynalite). */
class DynamoDbAuditLogTest extends AuditLogContract {

    @RegisterExtension
    static final EmbeddedDynamoDbExtension DYNAMO = new EmbeddedDynamoDbExtension();

    @Override
    AuditLog newLog() {
        return IdentityWiring.auditLog(TestPlatforms.withAllTables(DYNAMO, clock, Map.of()));
    }
}
