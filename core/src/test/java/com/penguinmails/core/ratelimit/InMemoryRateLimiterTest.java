package com.penguinmails.core.ratelimit;

import com.penguinmails.core.testing.InMemoryRateLimiter;

/** {@link RateLimiterContract} on the in-memory fake. */
class InMemoryRateLimiterTest extends RateLimiterContract {

    @Override
    RateLimiter newLimiter() {
        return new InMemoryRateLimiter(clock);
    }
}
