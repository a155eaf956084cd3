package com.penguinmails.core;

import com.penguinmails.core.idempotency.IdempotencyStore;
import com.penguinmails.core.idempotency.IdempotentRequests;
import com.penguinmails.core.idempotency.internal.DynamoDbIdempotencyStore;
import com.penguinmails.core.platform.Platform;
import com.penguinmails.core.ratelimit.RateLimiter;
import com.penguinmails.core.ratelimit.internal.DynamoDbRateLimiter;

/**
 * Builds the platform-wide services every capability shares (idempotency records, rate limits) from a {@link Platform}.
 */
public final class CoreWiring {

    public static IdempotencyStore idempotencyStore(Platform platform) {
        return new DynamoDbIdempotencyStore(platform.dynamoDb(), platform.tableName("idempotency"), platform.clock());
    }

    public static IdempotentRequests idempotentRequests(Platform platform) {
        return new IdempotentRequests(idempotencyStore(platform));
    }

    public static RateLimiter rateLimiter(Platform platform) {
        return new DynamoDbRateLimiter(platform.dynamoDb(), platform.tableName("rate-limits"), platform.clock());
    }

    private CoreWiring() {
    }
}
