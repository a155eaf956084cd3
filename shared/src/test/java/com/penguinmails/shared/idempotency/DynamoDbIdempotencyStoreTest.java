package com.penguinmails.shared.idempotency;

import com.penguinmails.embedded.EmbeddedDynamoDbExtension;
import com.penguinmails.shared.testing.TestPlatforms;
import com.penguinmails.shared.wiring.Services;
import java.util.Map;
import org.junit.jupiter.api.extension.RegisterExtension;

/** {@link IdempotencyStoreContract} on DynamoDB (dynalite). */
class DynamoDbIdempotencyStoreTest extends IdempotencyStoreContract {

    @RegisterExtension
    static final EmbeddedDynamoDbExtension DYNAMO = new EmbeddedDynamoDbExtension();

    @Override
    IdempotencyStore newStore() {
        return Services.idempotencyStore(TestPlatforms.withAllTables(DYNAMO, clock, Map.of()));
    }
}
