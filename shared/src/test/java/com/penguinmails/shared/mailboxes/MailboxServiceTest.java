package com.penguinmails.shared.mailboxes;

import com.penguinmails.embedded.EmbeddedDynamoDbExtension;
import com.penguinmails.shared.ledger.SendLedger;
import com.penguinmails.shared.mailboxes.internal.LocalSecretCipher;
import com.penguinmails.shared.platform.Platform;
import com.penguinmails.shared.testing.TestPlatforms;
import com.penguinmails.shared.wiring.MailServices;
import com.penguinmails.shared.wiring.Services;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.extension.RegisterExtension;

/** {@link MailboxServiceContract} on DynamoDB (dynalite): the items as stored, and settings after a round trip. */
class MailboxServiceTest extends MailboxServiceContract {

    @RegisterExtension
    static final EmbeddedDynamoDbExtension DYNAMO = new EmbeddedDynamoDbExtension();

    private Platform platform;

    @Override
    MailboxService newService() {
        platform = TestPlatforms.withAllTables(DYNAMO, clock, Map.of(Services.LOCAL_SECRET_KEY_VARIABLE, LocalSecretCipher.newBase64Key()));
        return MailServices.mailboxService(platform);
    }

    @Override
    SendLedger ledger() {
        return Services.sendLedger(platform);
    }

    @Override
    List<String> storedItems() {
        return platform.dynamoDb().scan(r -> r.tableName(platform.tableName("sending-resources"))).items().stream()
                .map(Object::toString).toList();
    }
}
