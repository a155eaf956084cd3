package com.penguinmails.analytics.recommendations.internal;

import com.penguinmails.analytics.recommendations.Evidence;
import com.penguinmails.analytics.recommendations.Recommendation;
import com.penguinmails.analytics.recommendations.RecommendationStore;
import com.penguinmails.analytics.recommendations.RecommendationType;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.ConditionalCheckFailedException;

/**
 * The {@code recommendations} table: one item per recommendation in its workspace's partition (a few dozen at most,
 * so a list is one query). Each write is conditional on the version that was read, so two evaluations running at
 * once cannot undo each other's change.
 */
public final class DynamoDbRecommendationStore implements RecommendationStore {

    private final DynamoDbClient dynamoDb;
    private final String table;

    public DynamoDbRecommendationStore(DynamoDbClient dynamoDb, String table) {
        this.dynamoDb = dynamoDb;
        this.table = table;
    }

    @Override
    public List<Recommendation> list(String workspaceId) {
        return dynamoDb.queryPaginator(r -> r.tableName(table).consistentRead(true)
                        .keyConditionExpression("workspaceId = :ws")
                        .expressionAttributeValues(Map.of(":ws", AttributeValue.fromS(workspaceId))))
                .items().stream().map(DynamoDbRecommendationStore::fromItem).toList();
    }

    @Override
    public boolean save(Recommendation recommendation, long expectedVersion) {
        Map<String, AttributeValue> item = toItem(recommendation, expectedVersion + 1);
        try {
            if (expectedVersion == 0) {
                dynamoDb.putItem(r -> r.tableName(table).item(item).conditionExpression("attribute_not_exists(recommendationId)"));
            } else {
                dynamoDb.putItem(r -> r.tableName(table).item(item).conditionExpression("version = :expected")
                        .expressionAttributeValues(Map.of(":expected", AttributeValue.fromN(Long.toString(expectedVersion)))));
            }
            return true;
        } catch (ConditionalCheckFailedException e) {
            return false;
        }
    }

    private static Map<String, AttributeValue> toItem(Recommendation r, long version) {
        Map<String, AttributeValue> item = new HashMap<>();
        item.put("workspaceId", AttributeValue.fromS(r.workspaceId()));
        item.put("recommendationId", AttributeValue.fromS(r.id()));
        item.put("type", AttributeValue.fromS(r.type().wireName()));
        item.put("impact", AttributeValue.fromS(r.impact().wireName()));
        item.put("status", AttributeValue.fromS(r.status().wireName()));
        item.put("resource", AttributeValue.fromS(r.resource()));
        putString(item, "description", r.description());
        putString(item, "action", r.action());
        item.put("createdAt", millis(r.createdAt()));
        item.put("updatedAt", millis(r.updatedAt()));
        if (r.fixedAt() != null) {
            item.put("fixedAt", millis(r.fixedAt()));
        }
        Evidence e = r.evidence();
        Map<String, AttributeValue> evidence = new HashMap<>();
        evidence.put("metric", AttributeValue.fromS(e.metric()));
        evidence.put("observed", AttributeValue.fromN(Double.toString(e.observed())));
        evidence.put("threshold", AttributeValue.fromN(Double.toString(e.threshold())));
        evidence.put("window", AttributeValue.fromS(e.window()));
        evidence.put("sampleSize", AttributeValue.fromN(Long.toString(e.sampleSize())));
        item.put("evidence", AttributeValue.fromM(evidence));
        item.put("version", AttributeValue.fromN(Long.toString(version)));
        return item;
    }

    private static Recommendation fromItem(Map<String, AttributeValue> item) {
        Map<String, AttributeValue> e = item.get("evidence").m();
        return Recommendation.builder()
                .id(item.get("recommendationId").s())
                .workspaceId(item.get("workspaceId").s())
                .type(RecommendationType.fromWire(item.get("type").s()).orElseThrow(() -> new IllegalStateException("unknown type " + item.get("type").s())))
                .impact(Recommendation.Impact.fromWire(item.get("impact").s()).orElseThrow())
                .status(Recommendation.Status.fromWire(item.get("status").s()).orElseThrow())
                .resource(item.get("resource").s())
                .description(item.containsKey("description") ? item.get("description").s() : null)
                .action(item.containsKey("action") ? item.get("action").s() : null)
                .createdAt(instant(item.get("createdAt")))
                .updatedAt(instant(item.get("updatedAt")))
                .fixedAt(item.containsKey("fixedAt") ? instant(item.get("fixedAt")) : null)
                .evidence(new Evidence(e.get("metric").s(), Double.parseDouble(e.get("observed").n()), Double.parseDouble(e.get("threshold").n()),
                        e.get("window").s(), Long.parseLong(e.get("sampleSize").n())))
                .version(Long.parseLong(item.get("version").n()))
                .build();
    }

    private static void putString(Map<String, AttributeValue> item, String name, String value) {
        if (value != null && !value.isEmpty()) {
            item.put(name, AttributeValue.fromS(value));
        }
    }

    private static AttributeValue millis(Instant instant) {
        return AttributeValue.fromN(Long.toString(instant.toEpochMilli()));
    }

    private static Instant instant(AttributeValue value) {
        return Instant.ofEpochMilli(Long.parseLong(value.n()));
    }
}
