package com.penguinmails.core.platform;

import java.util.Map;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.ConditionalCheckFailedException;

/**
 * Optimistic concurrency on one item, the way our stores keep it without transactions: each item carries a
 * {@code version}, and a write names the version it read.
 */
public final class VersionedItems {

    private VersionedItems() {
    }

    /**
     * Puts {@code item} (which holds its new {@code version}) if the stored one still has {@code expectedVersion};
     * 0 means none may be stored yet ({@code keyAttribute} absent). False when another write came first.
     */
    public static boolean put(DynamoDbClient dynamoDb, String table, Map<String, AttributeValue> item, String keyAttribute, long expectedVersion) {
        try {
            if (expectedVersion == 0) {
                dynamoDb.putItem(r -> r.tableName(table).item(item).conditionExpression("attribute_not_exists(" + keyAttribute + ")"));
            } else {
                dynamoDb.putItem(r -> r.tableName(table).item(item).conditionExpression("version = :expected")
                        .expressionAttributeValues(Map.of(":expected", AttributeValue.fromN(Long.toString(expectedVersion)))));
            }
            return true;
        } catch (ConditionalCheckFailedException e) {
            return false;
        }
    }
}
