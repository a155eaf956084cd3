package com.penguinmails.sending.suppressions.internal;

import com.penguinmails.core.paging.Page;
import com.penguinmails.core.platform.TimeOrderedKeys;
import com.penguinmails.sending.suppressions.Suppression;
import com.penguinmails.sending.suppressions.SuppressionAddition;
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
 * <p>
 * The record of additions has a partition of its own per workspace, {@code <workspaceId>#added} (workspace ids hold
 * no '#'), so the listing never reads it: sort key {@code <13-digit epoch millis>#<email>|<scope>}, so the additions
 * since a time are one range query, and each entry expires through the table's TTL ({@code expiresAtEpoch}). Entries
 * hold nothing but their keys and expiry, so a query reads about 120 bytes per addition.
 */
public final class DynamoDbSuppressionStore implements SuppressionStore {

    private static final String SOFT_BOUNCES = "#soft-bounces";
    private static final String ADDITIONS = "#added";

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

    @Override
    public void recordAddition(Suppression s, Instant keepUntil) {
        // Unconditional: noting the same suppression again writes the same item.
        dynamoDb.putItem(r -> r.tableName(table).item(Map.of(
                "workspaceId", AttributeValue.fromS(s.workspaceId() + ADDITIONS),
                "entry", AttributeValue.fromS(TimeOrderedKeys.key(s.createdAt(), s.email() + "|" + s.scope())),
                "expiresAtEpoch", AttributeValue.fromN(Long.toString(keepUntil.getEpochSecond())))));
    }

    @Override
    public List<SuppressionAddition> additions(String workspaceId, Instant from, Instant until, int max) {
        Map<String, AttributeValue> values = new HashMap<>();
        values.put(":ws", AttributeValue.fromS(workspaceId + ADDITIONS));
        values.put(":from", AttributeValue.fromS(TimeOrderedKeys.lowest(from)));
        String range = "entry >= :from";
        if (until != null) {
            Instant last = until.minusMillis(1);
            if (last.isBefore(from)) {
                return List.of();
            }
            values.put(":last", AttributeValue.fromS(TimeOrderedKeys.highest(last)));
            range = "entry BETWEEN :from AND :last";
        }
        String keyCondition = "workspaceId = :ws AND " + range;
        QueryResponse response = dynamoDb.query(r -> r.tableName(table).keyConditionExpression(keyCondition)
                .expressionAttributeValues(values).limit(max));
        return response.items().stream().map(item -> {
            String entry = item.get("entry").s();
            int hash = entry.indexOf('#');
            int bar = entry.indexOf('|', hash);
            return new SuppressionAddition(entry.substring(hash + 1, bar), entry.substring(bar + 1),
                    Instant.ofEpochMilli(Long.parseLong(entry.substring(0, hash))));
        }).toList();
    }

    private static Suppression toSuppression(Map<String, AttributeValue> item) {
        return new Suppression(item.get("workspaceId").s(), item.get("email").s(), item.get("scope").s(),
                Suppression.Reason.valueOf(item.get("reason").s()), item.get("source").s(),
                Instant.ofEpochMilli(Long.parseLong(item.get("createdAt").n())));
    }
}
