package com.penguinmails.identity.audit.internal;

import com.penguinmails.core.paging.Page;
import com.penguinmails.core.platform.TimeOrderedKeys;
import com.penguinmails.identity.audit.AuditEvent;
import com.penguinmails.identity.audit.AuditLog;
import com.penguinmails.identity.audit.AuditQuery;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.ConditionalCheckFailedException;
import software.amazon.awssdk.services.dynamodb.model.QueryRequest;
import software.amazon.awssdk.services.dynamodb.model.QueryResponse;

/**
 * One partition per workspace, sorted by {@code <epoch millis, 13 digits>#<event id>}: a time range is a key
 * condition, and newest-first is a reverse query. Actor and action are filters on top.
 */
public final class DynamoDbAuditLog implements AuditLog {

    /** Audit events are kept for 400 days, then DynamoDB TTL removes them. */
    public static final Duration RETENTION = Duration.ofDays(400);
    private static final int MAX_PAGES_PER_QUERY = 20;

    private final DynamoDbClient dynamoDb;
    private final String table;

    public DynamoDbAuditLog(DynamoDbClient dynamoDb, String table) {
        this.dynamoDb = dynamoDb;
        this.table = table;
    }

    @Override
    public void append(AuditEvent event) {
        Map<String, AttributeValue> item = new HashMap<>();
        item.put("workspaceId", AttributeValue.fromS(event.workspaceId()));
        item.put("eventKey", AttributeValue.fromS(TimeOrderedKeys.key(event.occurredAt(), event.id())));
        item.put("id", AttributeValue.fromS(event.id()));
        item.put("occurredAt", AttributeValue.fromN(Long.toString(event.occurredAt().toEpochMilli())));
        item.put("actor", AttributeValue.fromS(event.actor()));
        item.put("action", AttributeValue.fromS(event.action()));
        putIfPresent(item, "target", event.target());
        putIfPresent(item, "sourceIp", event.sourceIp());
        item.put("outcome", AttributeValue.fromS(event.outcome()));
        if (!event.details().isEmpty()) {
            item.put("details", AttributeValue.fromM(event.details().entrySet().stream()
                    .collect(Collectors.toMap(Map.Entry::getKey, e -> AttributeValue.fromS(e.getValue())))));
        }
        item.put("expiresAtEpoch", AttributeValue.fromN(Long.toString(event.occurredAt().plus(RETENTION).getEpochSecond())));
        try {
            dynamoDb.putItem(r -> r.tableName(table).item(item).conditionExpression("attribute_not_exists(eventKey)"));
        } catch (ConditionalCheckFailedException e) {
            // The same event delivered again (an SQS retry): append-only means the first write stands.
        }
    }

    @Override
    public Page<AuditEvent> query(AuditQuery query) {
        Map<String, AttributeValue> values = new HashMap<>();
        values.put(":ws", AttributeValue.fromS(query.workspaceId()));
        String lowest = TimeOrderedKeys.lowest(query.from());
        String highest = TimeOrderedKeys.highest(query.to());
        values.put(":from", AttributeValue.fromS(lowest));
        values.put(":to", AttributeValue.fromS(highest));
        List<String> filters = new ArrayList<>();
        if (query.actor() != null) {
            filters.add("actor = :actor");
            values.put(":actor", AttributeValue.fromS(query.actor()));
        }
        if (query.action() != null) {
            filters.add("#action = :action");
            values.put(":action", AttributeValue.fromS(query.action()));
        }
        List<AuditEvent> events = new ArrayList<>();
        // DynamoDB refuses a start key outside the key condition (a cursor kept while from or to changed): newest
        // first, a position above the range is the same as no cursor, one below it has nothing after it.
        String after = query.afterPosition() == null || query.afterPosition().compareTo(highest) > 0 ? null : query.afterPosition();
        if (after != null && after.compareTo(lowest) < 0) {
            return new Page<>(List.of(), null);
        }
        Map<String, AttributeValue> start = after == null ? null
                : Map.of("workspaceId", AttributeValue.fromS(query.workspaceId()), "eventKey", AttributeValue.fromS(after));
        boolean more = true;
        for (int pages = 0; pages < MAX_PAGES_PER_QUERY && events.size() < query.limit() && more; pages++) {
            QueryRequest.Builder request = QueryRequest.builder().tableName(table)
                    .keyConditionExpression("workspaceId = :ws AND eventKey BETWEEN :from AND :to")
                    .expressionAttributeValues(values)
                    .scanIndexForward(false)
                    .limit(query.limit() - events.size())
                    .exclusiveStartKey(start);
            if (!filters.isEmpty()) {
                request.filterExpression(String.join(" AND ", filters));
                if (query.action() != null) {
                    request.expressionAttributeNames(Map.of("#action", "action"));
                }
            }
            QueryResponse response = dynamoDb.query(request.build());
            response.items().forEach(item -> events.add(toEvent(item)));
            start = response.hasLastEvaluatedKey() && !response.lastEvaluatedKey().isEmpty() ? response.lastEvaluatedKey() : null;
            more = start != null;
        }
        // Limit is what DynamoDB evaluates, so everything up to the last evaluated key was returned or filtered out.
        return new Page<>(events, more ? start.get("eventKey").s() : null);
    }

    private static AuditEvent toEvent(Map<String, AttributeValue> item) {
        Map<String, String> details = item.containsKey("details")
                ? item.get("details").m().entrySet().stream().collect(Collectors.toMap(Map.Entry::getKey, e -> e.getValue().s()))
                : Map.of();
        return new AuditEvent(item.get("id").s(), item.get("workspaceId").s(),
                Instant.ofEpochMilli(Long.parseLong(item.get("occurredAt").n())), item.get("actor").s(),
                item.get("action").s(), string(item, "target"), string(item, "sourceIp"), item.get("outcome").s(), details);
    }

    private static String string(Map<String, AttributeValue> item, String name) {
        AttributeValue value = item.get(name);
        return value == null ? null : value.s();
    }

    private static void putIfPresent(Map<String, AttributeValue> item, String name, String value) {
        if (value != null) {
            item.put(name, AttributeValue.fromS(value));
        }
    }
}
