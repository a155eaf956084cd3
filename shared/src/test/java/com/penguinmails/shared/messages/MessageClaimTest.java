package com.penguinmails.shared.messages;

import com.penguinmails.embedded.EmbeddedDynamoDbExtension;
import com.penguinmails.shared.testing.TestPlatforms;
import com.penguinmails.shared.wiring.Services;
import java.util.Map;
import org.junit.jupiter.api.extension.RegisterExtension;

/** {@link MessageClaimContract} on DynamoDB (dynalite). */
class MessageClaimTest extends MessageClaimContract {

    @RegisterExtension
    static final EmbeddedDynamoDbExtension DYNAMO = new EmbeddedDynamoDbExtension();

    @Override
    MessageStore newStore() {
        return Services.messageStore(TestPlatforms.withAllTables(DYNAMO, CLOCK, Map.of()));
    }
}
