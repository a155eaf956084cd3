package com.penguinmails.campaigns.activity.internal;

import com.penguinmails.campaigns.activity.ActivityEntry;
import com.penguinmails.campaigns.activity.ActivityStore;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

/** {@code <workspaceId>#<subjectId>} / {@code <at millis, 13 digits>#<id>}: a feed reads newest first in one query. */
public final class DynamoDbActivityStore implements ActivityStore {

    private final DynamoDbClient dynamoDb;
    private final String table;

    public DynamoDbActivityStore(DynamoDbClient dynamoDb, String table) {
        this.dynamoDb = dynamoDb;
        this.table = table;
    }

    @Override
    public void append(String workspaceId, ActivityEntry entry) {
        Map<String, AttributeValue> item = new HashMap<>();
        item.put("subjectKey", AttributeValue.fromS(workspaceId + "#" + entry.subjectId()));
        String millis = Long.toString(entry.at().toEpochMilli());
        item.put("entryKey", AttributeValue.fromS("0".repeat(Math.max(0, 13 - millis.length())) + millis + "#" + entry.id()));
        item.put("kind", AttributeValue.fromS(entry.kind()));
        item.put("actor", AttributeValue.fromS(entry.actor()));
        if (entry.memberId() != null) {
            item.put("memberId", AttributeValue.fromS(entry.memberId()));
        }
        item.put("text", AttributeValue.fromS(entry.text()));
        item.put("at", AttributeValue.fromS(entry.at().toString()));
        dynamoDb.putItem(r -> r.tableName(table).item(item).conditionExpression("attribute_not_exists(entryKey)"));
    }

    @Override
    public List<ActivityEntry> recent(String workspaceId, String subjectId, int limit) {
        return dynamoDb.query(r -> r.tableName(table).keyConditionExpression("subjectKey = :s")
                        .expressionAttributeValues(Map.of(":s", AttributeValue.fromS(workspaceId + "#" + subjectId)))
                        .scanIndexForward(false).limit(limit))
                .items().stream().map(item -> new ActivityEntry(subjectId, item.get("entryKey").s().substring(14), item.get("kind").s(),
                        item.get("actor").s(), item.containsKey("memberId") ? item.get("memberId").s() : null, item.get("text").s(),
                        Instant.parse(item.get("at").s()))).toList();
    }
}
