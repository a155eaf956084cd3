package com.penguinmails.shared.ratelimit;

import com.penguinmails.shared.testing.InMemoryRateLimiter;

/** {@link RateLimiterContract} on the in-memory fake. */
class InMemoryRateLimiterTest extends RateLimiterContract {

    @Override
    RateLimiter newLimiter() {
        return new InMemoryRateLimiter(clock);
    }
}
