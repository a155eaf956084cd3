package com.penguinmails.shared.ratelimit;

/** Per-key request budgets. */
public interface RateLimiter {

    /** Whether one more request fits in this second's budget; counting it if so. */
    boolean tryAcquire(String keyId, int limitPerSecond);
}
