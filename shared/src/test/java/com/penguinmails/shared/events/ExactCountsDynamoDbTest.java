package com.penguinmails.shared.events;

import com.penguinmails.embedded.EmbeddedDynamoDbExtension;
import com.penguinmails.shared.ips.IpService;
import com.penguinmails.shared.ledger.SendLedger;
import com.penguinmails.shared.messages.MessageStore;
import com.penguinmails.shared.platform.Platform;
import com.penguinmails.shared.suppressions.SuppressionService;
import com.penguinmails.shared.testing.TestPlatforms;
import com.penguinmails.shared.wiring.MailServices;
import com.penguinmails.shared.wiring.Services;
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
        return Services.messageStore(platform());
    }

    @Override
    SendLedger newLedger() {
        return Services.sendLedger(platform());
    }

    @Override
    SuppressionService suppressions() {
        return Services.suppressionService(platform());
    }

    @Override
    IpService ips() {
        return MailServices.ipService(platform());
    }
}
