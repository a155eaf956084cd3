package com.penguinmails.identity.workspaces.internal;

import com.penguinmails.identity.workspaces.Workspace;
import com.penguinmails.identity.workspaces.WorkspaceStore;
import java.time.Instant;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.ConditionalCheckFailedException;

/**
 * Workspaces with the low-level client: the rows are small and the key-slot counter needs an
 * {@code ADD} with a condition, which reads most plainly as an expression.
 */
public final class DynamoDbWorkspaceStore implements WorkspaceStore {

    private final DynamoDbClient dynamoDb;
    private final String workspacesTable;

    public DynamoDbWorkspaceStore(DynamoDbClient dynamoDb, String workspacesTable) {
        this.dynamoDb = dynamoDb;
        this.workspacesTable = workspacesTable;
    }

    @Override
    public void create(Workspace workspace) {
        Map<String, AttributeValue> item = new HashMap<>();
        item.put("workspaceId", AttributeValue.fromS(workspace.id()));
        item.put("name", AttributeValue.fromS(workspace.name()));
        item.put("createdAt", number(workspace.createdAt().toEpochMilli()));
        item.put("activeKeys", number(0));
        dynamoDb.putItem(r -> r.tableName(workspacesTable).item(item).conditionExpression("attribute_not_exists(workspaceId)"));
    }

    @Override
    public Optional<Workspace> find(String workspaceId) {
        Map<String, AttributeValue> item = dynamoDb.getItem(r -> r.tableName(workspacesTable)
                .key(Map.of("workspaceId", AttributeValue.fromS(workspaceId)))).item();
        if (item == null || item.isEmpty()) {
            return Optional.empty();
        }
        return Optional.of(new Workspace(workspaceId, item.get("name").s(),
                Instant.ofEpochMilli(Long.parseLong(item.get("createdAt").n())),
                item.containsKey("postalAddress") ? item.get("postalAddress").s() : null,
                item.containsKey("eventRetentionDays") ? Integer.parseInt(item.get("eventRetentionDays").n()) : Workspace.DEFAULT_EVENT_RETENTION_DAYS));
    }

    @Override
    public void updatePostalAddress(String workspaceId, String postalAddress) {
        Map<String, AttributeValue> key = Map.of("workspaceId", AttributeValue.fromS(workspaceId));
        if (postalAddress == null) {
            dynamoDb.updateItem(r -> r.tableName(workspacesTable).key(key).updateExpression("REMOVE postalAddress")
                    .conditionExpression("attribute_exists(workspaceId)"));
        } else {
            dynamoDb.updateItem(r -> r.tableName(workspacesTable).key(key).updateExpression("SET postalAddress = :address")
                    .conditionExpression("attribute_exists(workspaceId)")
                    .expressionAttributeValues(Map.of(":address", AttributeValue.fromS(postalAddress))));
        }
    }

    @Override
    public void updateEventRetentionDays(String workspaceId, int days) {
        dynamoDb.updateItem(r -> r.tableName(workspacesTable).key(Map.of("workspaceId", AttributeValue.fromS(workspaceId)))
                .updateExpression("SET eventRetentionDays = :days")
                .conditionExpression("attribute_exists(workspaceId)")
                .expressionAttributeValues(Map.of(":days", number(days))));
    }

    @Override
    public boolean reserveKeySlot(String workspaceId, int max) {
        try {
            dynamoDb.updateItem(r -> r.tableName(workspacesTable)
                    .key(Map.of("workspaceId", AttributeValue.fromS(workspaceId)))
                    .updateExpression("ADD activeKeys :one")
                    .conditionExpression("attribute_exists(workspaceId) AND activeKeys < :max")
                    .expressionAttributeValues(Map.of(":one", number(1), ":max", number(max))));
            return true;
        } catch (ConditionalCheckFailedException e) {
            return false;
        }
    }

    @Override
    public void releaseKeySlot(String workspaceId) {
        try {
            dynamoDb.updateItem(r -> r.tableName(workspacesTable)
                    .key(Map.of("workspaceId", AttributeValue.fromS(workspaceId)))
                    .updateExpression("ADD activeKeys :minusOne")
                    .conditionExpression("activeKeys > :zero")
                    .expressionAttributeValues(Map.of(":minusOne", number(-1), ":zero", number(0))));
        } catch (ConditionalCheckFailedException e) {
            // Already at zero: never let the counter go negative.
        }
    }

    private static AttributeValue number(long value) {
        return AttributeValue.fromN(Long.toString(value));
    }
}
