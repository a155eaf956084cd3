package com.penguinmails.core.idempotency;

import static org.assertj.core.api.Assertions.assertThat;

import com.penguinmails.core.CoreWiring;
import com.penguinmails.core.idempotency.IdempotencyStore.StoredResponse;
import com.penguinmails.core.testing.TestClock;
import com.penguinmails.core.testing.TestPlatforms;
import com.penguinmails.embedded.EmbeddedDynamoDbExtension;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import org.junit.jupiter.api.extension.RegisterExtension;

/** {@link IdempotencyStoreContract} on DynamoDB (dynalite). */
class DynamoDbIdempotencyStoreTest extends IdempotencyStoreContract {

    @RegisterExtension
    static final EmbeddedDynamoDbExtension DYNAMO = new EmbeddedDynamoDbExtension();

    @Override
    IdempotencyStore newStore() {
        return CoreWiring.idempotencyStore(TestPlatforms.withAllTables(DYNAMO, clock, Map.of()));
    }
}
