package com.penguinmails.sending.messages;

import static org.assertj.core.api.Assertions.assertThat;

import com.penguinmails.core.testing.TestPlatforms;
import com.penguinmails.embedded.EmbeddedDynamoDbExtension;
import com.penguinmails.sending.SendingWiring;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.extension.RegisterExtension;

/** {@link MessageClaimContract} on DynamoDB (dynalite). */
class MessageClaimTest extends MessageClaimContract {

    @RegisterExtension
    static final EmbeddedDynamoDbExtension DYNAMO = new EmbeddedDynamoDbExtension();

    @Override
    MessageStore newStore() {
        return SendingWiring.messageStore(TestPlatforms.withAllTables(DYNAMO, CLOCK, Map.of()));
    }
}
