package com.penguinmails.analytics.rollups.internal;

import java.time.Instant;
import java.util.Map;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.ConditionalCheckFailedException;

/** What both roll-up tables' items share: versioned conditional puts and times as epoch millis. */
final class Items {

    private Items() {
    }

    /** Puts the item if the stored one is at {@code version - 1} (version 1: if there is none). */
    static boolean putAtVersion(DynamoDbClient dynamoDb, String table, Map<String, AttributeValue> item, String sortKey, long version) {
        try {
            if (version <= 1) {
                dynamoDb.putItem(r -> r.tableName(table).item(item).conditionExpression("attribute_not_exists(" + sortKey + ")"));
            } else {
                dynamoDb.putItem(r -> r.tableName(table).item(item).conditionExpression("version = :previous")
                        .expressionAttributeValues(Map.of(":previous", AttributeValue.fromN(Long.toString(version - 1)))));
            }
            return true;
        } catch (ConditionalCheckFailedException e) {
            return false;
        }
    }

    static AttributeValue millis(Instant instant) {
        return AttributeValue.fromN(Long.toString(instant.toEpochMilli()));
    }

    static Instant instant(AttributeValue value) {
        return value == null ? Instant.EPOCH : Instant.ofEpochMilli(Long.parseLong(value.n()));
    }
}
