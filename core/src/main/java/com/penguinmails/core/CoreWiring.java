package com.penguinmails.core;

import com.penguinmails.catalog.FunctionSpec;
import com.penguinmails.core.events.PlatformEventPublisher;
import com.penguinmails.core.events.internal.SnsEventPublisher;
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

    /**
     * The SNS publisher for the topic in {@value FunctionSpec#EVENT_TOPIC_VARIABLE}. A function the catalog does not
     * mark {@code events: publish} has no such variable, and this fails at once with a message saying so, instead of
     * events being dropped.
     */
    public static PlatformEventPublisher eventTopicPublisher(Platform platform) {
        String topicArn = platform.env(FunctionSpec.EVENT_TOPIC_VARIABLE, null);
        if (topicArn == null) {
            throw new IllegalStateException("environment variable " + FunctionSpec.EVENT_TOPIC_VARIABLE
                    + " is not set: this function publishes platform events, so its catalog entry must say events: publish");
        }
        return new SnsEventPublisher(platform::sns, topicArn);
    }

    /**
     * What the module wirings hand every producer: the topic's publisher when the catalog made this function a
     * publisher; otherwise, for a catalog function, one that fails on the first publish, naming the missing {@code events: publish}, so a
     * function that reads a service but never publishes needs no topic, and one that publishes without it fails loudly
     * (its trigger is retried) instead of dropping the event.
     */
    public static PlatformEventPublisher platformEvents(Platform platform) {
        if (platform.env(FunctionSpec.EVENT_TOPIC_VARIABLE, null) != null) {
            return eventTopicPublisher(platform);
        }
        String function = platform.env("PM_FUNCTION_NAME", null);
        if (function == null) {
            // Not a catalog function (every one is given PM_FUNCTION_NAME): a test's or a tool's platform, with no topic.
            return PlatformEventPublisher.NONE;
        }
        return events -> {
            if (!events.isEmpty()) {
                throw new IllegalStateException(function + " published " + events.get(0).type().wireName()
                        + " but has no " + FunctionSpec.EVENT_TOPIC_VARIABLE + ": its catalog entry must say events: publish");
            }
        };
    }

    private CoreWiring() {
    }
}
