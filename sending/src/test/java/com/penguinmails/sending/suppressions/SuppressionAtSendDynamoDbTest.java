package com.penguinmails.sending.suppressions;

import com.penguinmails.core.platform.Platform;
import com.penguinmails.core.testing.TestClock;
import com.penguinmails.core.testing.TestPlatforms;
import com.penguinmails.embedded.EmbeddedDynamoDbExtension;
import com.penguinmails.identity.IdentityWiring;
import com.penguinmails.sending.SendingWiring;
import com.penguinmails.sending.domains.internal.DynamoDbDomainStore;
import com.penguinmails.sending.ips.PoolProvisioner;
import com.penguinmails.sending.suppressions.internal.DynamoDbSuppressionStore;
import java.util.Map;
import org.junit.jupiter.api.extension.RegisterExtension;

/** {@link SuppressionAtSendContract} on DynamoDB (dynalite), the tables as the catalog creates them. */
class SuppressionAtSendDynamoDbTest extends SuppressionAtSendContract {

    @RegisterExtension
    static final EmbeddedDynamoDbExtension DYNAMO = new EmbeddedDynamoDbExtension();

    @Override
    Stores stores(TestClock clock) {
        Platform platform = TestPlatforms.withAllTables(DYNAMO, clock, Map.of());
        return new Stores(SendingWiring.messageStore(platform),
                new DynamoDbSuppressionStore(platform.dynamoDb(), platform.tableName("suppressions")), SendingWiring.ipStore(platform),
                SendingWiring.ipService(platform, PoolProvisioner.NONE), SendingWiring.sendLedger(platform), SendingWiring.dueMessages(platform),
                new DynamoDbDomainStore(platform.dynamoDb(), platform.tableName("domains")), IdentityWiring.auditRecorder(platform));
    }
}
