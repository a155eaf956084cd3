package com.penguinmails.sending.suppressions.internal;

import com.penguinmails.core.paging.Page;
import com.penguinmails.sending.suppressions.Suppression;
import com.penguinmails.sending.suppressions.SuppressionStore;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.ConditionalCheckFailedException;
import software.amazon.awssdk.services.dynamodb.model.QueryResponse;
import software.amazon.awssdk.services.dynamodb.model.ReturnValue;

/**
 * One partition per workspace; sort key {@code <email>|<scope>} so a single begins_with query finds every scope
 * an address is suppressed under. ('|' cannot appear in an address, so a@b.com never matches a@b.com.au.)
 * Soft-bounce counters live beside them under {@code <email>#soft-bounces}, which the listing skips.
 */
public final class DynamoDbSuppressionStore implements SuppressionStore {

    private static final String SOFT_BOUNCES = "#soft-bounces";

    private final DynamoDbClient dynamoDb;
    private final String table;

    public DynamoDbSuppressionStore(DynamoDbClient dynamoDb, String table) {
        this.dynamoDb = dynamoDb;
        this.table = table;
    }

    @Override
    public boolean add(Suppression s) {
        Map<String, AttributeValue> item = new HashMap<>();
        item.put("workspaceId", AttributeValue.fromS(s.workspaceId()));
        item.put("entry", AttributeValue.fromS(s.email() + "|" + s.scope()));
        item.put("email", AttributeValue.fromS(s.email()));
        item.put("scope", AttributeValue.fromS(s.scope()));
        item.put("reason", AttributeValue.fromS(s.reason().name()));
        item.put("source", AttributeValue.fromS(s.source()));
        item.put("createdAt", AttributeValue.fromN(Long.toString(s.createdAt().toEpochMilli())));
        try {
            dynamoDb.putItem(r -> r.tableName(table).item(item).conditionExpression("attribute_not_exists(entry)"));
            return true;
        } catch (ConditionalCheckFailedException e) {
            return false;
        }
    }

    @Override
    public List<Suppression> find(String workspaceId, String email) {
        QueryResponse response = dynamoDb.query(r -> r.tableName(table)
                .keyConditionExpression("workspaceId = :ws AND begins_with(entry, :prefix)")
                .expressionAttributeValues(Map.of(":ws", AttributeValue.fromS(workspaceId), ":prefix", AttributeValue.fromS(email + "|"))));
        return response.items().stream().map(DynamoDbSuppressionStore::toSuppression).toList();
    }

    @Override
    public boolean remove(String workspaceId, String email, String scope) {
        var response = dynamoDb.deleteItem(r -> r.tableName(table)
                .key(Map.of("workspaceId", AttributeValue.fromS(workspaceId), "entry", AttributeValue.fromS(email + "|" + scope)))
                .returnValues(ReturnValue.ALL_OLD));
        return response.hasAttributes() && !response.attributes().isEmpty();
    }

    @Override
    public Page<Suppression> list(String workspaceId, String afterPosition, int limit) {
        var request = software.amazon.awssdk.services.dynamodb.model.QueryRequest.builder().tableName(table)
                .keyConditionExpression("workspaceId = :ws")
                .filterExpression("attribute_exists(reason)")
                .expressionAttributeValues(Map.of(":ws", AttributeValue.fromS(workspaceId)))
                .limit(limit);
        if (afterPosition != null) {
            request.exclusiveStartKey(Map.of("workspaceId", AttributeValue.fromS(workspaceId), "entry", AttributeValue.fromS(afterPosition)));
        }
        QueryResponse response = dynamoDb.query(request.build());
        String next = response.hasLastEvaluatedKey() && !response.lastEvaluatedKey().isEmpty()
                ? response.lastEvaluatedKey().get("entry").s() : null;
        return new Page<>(response.items().stream().map(DynamoDbSuppressionStore::toSuppression).toList(), next);
    }

    @Override
    public int countSoftBounce(String workspaceId, String email) {
        var response = dynamoDb.updateItem(r -> r.tableName(table)
                .key(Map.of("workspaceId", AttributeValue.fromS(workspaceId), "entry", AttributeValue.fromS(email + SOFT_BOUNCES)))
                .updateExpression("ADD softBounces :one")
                .expressionAttributeValues(Map.of(":one", AttributeValue.fromN("1")))
                .returnValues(ReturnValue.UPDATED_NEW));
        return Integer.parseInt(response.attributes().get("softBounces").n());
    }

    private static Suppression toSuppression(Map<String, AttributeValue> item) {
        return new Suppression(item.get("workspaceId").s(), item.get("email").s(), item.get("scope").s(),
                Suppression.Reason.valueOf(item.get("reason").s()), item.get("source").s(),
                Instant.ofEpochMilli(Long.parseLong(item.get("createdAt").n())));
    }
}
