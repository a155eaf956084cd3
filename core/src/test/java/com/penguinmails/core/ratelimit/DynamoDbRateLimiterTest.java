package com.penguinmails.core.ratelimit;

import static org.assertj.core.api.Assertions.assertThat;

import com.penguinmails.core.CoreWiring;
import com.penguinmails.core.testing.TestClock;
import com.penguinmails.core.testing.TestPlatforms;
import com.penguinmails.embedded.EmbeddedDynamoDbExtension;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import org.junit.jupiter.api.extension.RegisterExtension;

/** {@link RateLimiterContract} on DynamoDB (dynalite). */
class DynamoDbRateLimiterTest extends RateLimiterContract {

    @RegisterExtension
    static final EmbeddedDynamoDbExtension DYNAMO = new EmbeddedDynamoDbExtension();

    @Override
    RateLimiter newLimiter() {
        return CoreWiring.rateLimiter(TestPlatforms.withAllTables(DYNAMO, clock, Map.of()));
    }
}
