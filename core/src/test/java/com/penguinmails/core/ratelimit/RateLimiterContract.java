package com.penguinmails.core.ratelimit;

import static org.assertj.core.api.Assertions.assertThat;

import com.penguinmails.core.testing.TestClock;
import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;

/** What every rate limiter does; run on DynamoDB and on the in-memory fake by the subclasses. */
abstract class RateLimiterContract {

    final TestClock clock = new TestClock(Instant.parse("2026-11-25T10:00:00Z"));

    abstract RateLimiter newLimiter();

    @Test
    void allowsTheLimitPerSecondPerKeyThenRefusesUntilTheNextSecond() {
        RateLimiter limiter = newLimiter();

        for (int i = 0; i < 5; i++) {
            assertThat(limiter.tryAcquire("key_a", 5)).isTrue();
        }
        assertThat(limiter.tryAcquire("key_a", 5)).isFalse();
        assertThat(limiter.tryAcquire("key_b", 5)).as("other keys have their own budget").isTrue();
        clock.advance(Duration.ofSeconds(1));
        assertThat(limiter.tryAcquire("key_a", 5)).isTrue();
    }
}
