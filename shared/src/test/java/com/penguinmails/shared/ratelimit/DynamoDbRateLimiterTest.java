package com.penguinmails.shared.ratelimit;

import com.penguinmails.embedded.EmbeddedDynamoDbExtension;
import com.penguinmails.shared.testing.TestPlatforms;
import com.penguinmails.shared.wiring.Services;
import java.util.Map;
import org.junit.jupiter.api.extension.RegisterExtension;

/** {@link RateLimiterContract} on DynamoDB (dynalite). */
class DynamoDbRateLimiterTest extends RateLimiterContract {

    @RegisterExtension
    static final EmbeddedDynamoDbExtension DYNAMO = new EmbeddedDynamoDbExtension();

    @Override
    RateLimiter newLimiter() {
        return Services.rateLimiter(TestPlatforms.withAllTables(DYNAMO, clock, Map.of()));
    }
}
