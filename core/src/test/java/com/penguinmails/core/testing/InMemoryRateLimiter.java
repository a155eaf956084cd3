package com.penguinmails.core.testing;

import com.penguinmails.core.ratelimit.RateLimiter;
import java.time.Clock;
import java.util.HashMap;
import java.util.Map;

/** Fixed one-second windows per key on the given clock, as the DynamoDB limiter counts them. */
public final class InMemoryRateLimiter implements RateLimiter {

    private final Clock clock;
    private final Map<String, Integer> hits = new HashMap<>();

    public InMemoryRateLimiter(Clock clock) {
        this.clock = clock;
    }

    @Override
    public synchronized boolean tryAcquire(String keyId, int limitPerSecond) {
        String bucket = keyId + "#" + clock.instant().getEpochSecond();
        int used = hits.getOrDefault(bucket, 0);
        if (used >= limitPerSecond) {
            return false;
        }
        hits.put(bucket, used + 1);
        return true;
    }
}
