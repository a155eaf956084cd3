package com.penguinmails.sending.delivery;

import com.penguinmails.core.platform.Platform;
import com.penguinmails.core.testing.TestPlatforms;
import com.penguinmails.embedded.EmbeddedDynamoDbExtension;
import com.penguinmails.sending.SendingWiring;
import com.penguinmails.sending.ips.IpService;
import com.penguinmails.sending.ips.PoolProvisioner;
import com.penguinmails.sending.ledger.SendLedger;
import com.penguinmails.sending.messages.MessageStore;
import com.penguinmails.sending.suppressions.SuppressionService;
import java.util.Map;
import org.junit.jupiter.api.extension.RegisterExtension;

/** {@link ExactCountsContract} on DynamoDB (dynalite): the real conditional writes of the ledger and the message store. */
class ExactCountsDynamoDbTest extends ExactCountsContract {

    @RegisterExtension
    static final EmbeddedDynamoDbExtension DYNAMO = new EmbeddedDynamoDbExtension();

    private Platform platform;

    private Platform platform() {
        if (platform == null) {
            platform = TestPlatforms.withAllTables(DYNAMO, clock, Map.of());
        }
        return platform;
    }

    @Override
    MessageStore newMessageStore() {
        return SendingWiring.messageStore(platform());
    }

    @Override
    SendLedger newLedger() {
        return SendingWiring.sendLedger(platform());
    }

    @Override
    SuppressionService suppressions() {
        return SendingWiring.suppressionService(platform());
    }

    @Override
    IpService ips() {
        return SendingWiring.ipService(platform(), PoolProvisioner.NONE);
    }
}
