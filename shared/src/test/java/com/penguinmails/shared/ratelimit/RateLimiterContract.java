package com.penguinmails.shared.ratelimit;

import static org.assertj.core.api.Assertions.assertThat;

import com.penguinmails.embedded.EmbeddedDynamoDbExtension;
import com.penguinmails.shared.testing.TestClock;
import com.penguinmails.shared.testing.TestPlatforms;
import com.penguinmails.shared.wiring.Services;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

class DynamoDbRateLimiterTest {

    @RegisterExtension
    static final EmbeddedDynamoDbExtension DYNAMO = new EmbeddedDynamoDbExtension();

    private final TestClock clock = new TestClock(Instant.parse("2026-11-25T10:00:00Z"));

    @Test
    void allowsTheLimitPerSecondPerKeyThenRefusesUntilTheNextSecond() {
        RateLimiter limiter = Services.rateLimiter(TestPlatforms.withAllTables(DYNAMO, clock, Map.of()));

        for (int i = 0; i < 5; i++) {
            assertThat(limiter.tryAcquire("key_a", 5)).isTrue();
        }
        assertThat(limiter.tryAcquire("key_a", 5)).isFalse();
        assertThat(limiter.tryAcquire("key_b", 5)).as("other keys have their own budget").isTrue();
        clock.advance(Duration.ofSeconds(1));
        assertThat(limiter.tryAcquire("key_a", 5)).isTrue();
    }
}
