package com.penguinmails.core.ratelimit;

/** Per-key request budgets. */
public interface RateLimiter {

    /** Whether one more request fits in this second's budget; counting it if so. */
    boolean tryAcquire(String keyId, int limitPerSecond);

    /**
     * Reads a counter no key ever uses, so that the storage client's first real call is not its first call
     * (SnapStart priming). Writes nothing.
     */
    default void warmUp() {
    }
}
