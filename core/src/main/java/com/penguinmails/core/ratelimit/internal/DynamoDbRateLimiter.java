package com.penguinmails.core.ratelimit.internal;

import com.penguinmails.core.ratelimit.RateLimiter;
import java.time.Clock;
import java.util.Map;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.ConditionalCheckFailedException;

/**
 * A fixed one-second window per key, counted in DynamoDB so the limit holds across every Lambda container
 * (an in-memory bucket would multiply the limit by the number of warm containers). One conditional ADD per
 * request; the counters expire by TTL a minute later.
 */
public final class DynamoDbRateLimiter implements RateLimiter {

    private final DynamoDbClient dynamoDb;
    private final String table;
    private final Clock clock;

    public DynamoDbRateLimiter(DynamoDbClient dynamoDb, String table, Clock clock) {
        this.dynamoDb = dynamoDb;
        this.table = table;
        this.clock = clock;
    }

    @Override
    public void warmUp() {
        // Real buckets are "<keyId>#<second>"; this one has no '#', so no request ever counts in it.
        dynamoDb.getItem(r -> r.tableName(table).key(Map.of("bucket", AttributeValue.fromS("priming"))));
    }

    @Override
    public boolean tryAcquire(String keyId, int limitPerSecond) {
        long second = clock.instant().getEpochSecond();
        try {
            dynamoDb.updateItem(r -> r.tableName(table)
                    .key(Map.of("bucket", AttributeValue.fromS(keyId + "#" + second)))
                    .updateExpression("ADD hits :one SET expiresAtEpoch = :expires")
                    .conditionExpression("attribute_not_exists(hits) OR hits < :limit")
                    .expressionAttributeValues(Map.of(
                            ":one", AttributeValue.fromN("1"),
                            ":limit", AttributeValue.fromN(Integer.toString(limitPerSecond)),
                            ":expires", AttributeValue.fromN(Long.toString(second + 60)))));
            return true;
        } catch (ConditionalCheckFailedException e) {
            return false;
        }
    }
}
