package com.penguinmails.eventlog.internal;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.penguinmails.core.events.EventType;
import com.penguinmails.core.events.PlatformEvent;
import com.penguinmails.core.paging.Page;
import com.penguinmails.core.platform.Json;
import com.penguinmails.core.platform.TimeOrderedKeys;
import com.penguinmails.eventlog.EventLogService;
import com.penguinmails.eventlog.EventLogStore;
import com.penguinmails.eventlog.EventQuery;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.ConditionalCheckFailedException;
import software.amazon.awssdk.services.dynamodb.model.QueryRequest;
import software.amazon.awssdk.services.dynamodb.model.QueryResponse;

/**
 * One partition per workspace, sorted by {@code <event time in epoch millis, 13 digits>#<event id>}: a time range is
 * a key condition and newest first a reverse query. The key is written once ({@code attribute_not_exists}): producers
 * give an event published again the same id and the same time, so a redelivery or a second publish finds its key
 * taken and changes nothing. Type, subject, recipient and campaign are filters on top, and so is the expiry: DynamoDB's
 * TTL removes an item only within a few days of {@code expiresAtEpoch}, and the log must not show it meanwhile.
 */
public final class DynamoDbEventLogStore implements EventLogStore {

    private static final int MAX_PAGES_PER_QUERY = 10;
    /** Items read per DynamoDB page when filters may skip most of them, so a rare event is found in few requests. */
    private static final int FILTERED_PAGE_ITEMS = 500;

    private final DynamoDbClient dynamoDb;
    private final String table;

    public DynamoDbEventLogStore(DynamoDbClient dynamoDb, String table) {
        this.dynamoDb = dynamoDb;
        this.table = table;
    }

    @Override
    public boolean append(PlatformEvent event, Instant expiresAt) {
        Map<String, AttributeValue> item = new HashMap<>();
        item.put("workspaceId", AttributeValue.fromS(event.workspaceId()));
        item.put("eventKey", AttributeValue.fromS(TimeOrderedKeys.key(event.time(), event.id())));
        item.put("id", AttributeValue.fromS(event.id()));
        item.put("source", AttributeValue.fromS(event.source()));
        item.put("type", AttributeValue.fromS(event.type().wireName()));
        item.put("time", AttributeValue.fromS(event.time().toString()));
        putIfPresent(item, "subject", event.subject());
        putIfPresent(item, "correlationId", event.correlationId());
        putIfPresent(item, "recipient", EventLogService.recipientOf(event));
        putIfPresent(item, "campaignId", EventLogService.campaignIdOf(event));
        try {
            item.put("data", AttributeValue.fromS(Json.MAPPER.writeValueAsString(event.data())));
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("event data is a JSON tree", e);
        }
        item.put("expiresAtEpoch", AttributeValue.fromN(Long.toString(expiresAt.getEpochSecond())));
        try {
            dynamoDb.putItem(r -> r.tableName(table).item(item).conditionExpression("attribute_not_exists(eventKey)"));
            return true;
        } catch (ConditionalCheckFailedException e) {
            return false;
        }
    }

    @Override
    public Page<PlatformEvent> query(EventQuery query, Instant now) {
        Map<String, AttributeValue> values = new HashMap<>();
        Map<String, String> names = new HashMap<>();
        values.put(":ws", AttributeValue.fromS(query.workspaceId()));
        String lowest = TimeOrderedKeys.lowest(query.from());
        String highest = TimeOrderedKeys.highest(query.to());
        values.put(":from", AttributeValue.fromS(lowest));
        values.put(":to", AttributeValue.fromS(highest));

        List<String> filters = new ArrayList<>();
        names.put("#expires", "expiresAtEpoch");
        values.put(":now", AttributeValue.fromN(Long.toString(now.getEpochSecond())));
        filters.add("#expires > :now");
        if (!query.types().isEmpty()) {
            List<String> placeholders = new ArrayList<>();
            for (EventType type : query.types()) {
                String placeholder = ":type" + placeholders.size();
                placeholders.add(placeholder);
                values.put(placeholder, AttributeValue.fromS(type.wireName()));
            }
            names.put("#type", "type");
            filters.add("#type IN (" + String.join(", ", placeholders) + ")");
        }
        boolean narrowed = !query.types().isEmpty();
        narrowed |= equalsFilter(filters, names, values, "subject", query.subject());
        narrowed |= equalsFilter(filters, names, values, "recipient", query.recipient() == null ? null : query.recipient().toLowerCase(Locale.ROOT));
        narrowed |= equalsFilter(filters, names, values, "campaignId", query.campaignId());

        // DynamoDB refuses a start key outside the key condition (a cursor kept while from or to changed): newest
        // first, a position above the range is the same as no cursor, one below it has nothing after it.
        String after = query.afterPosition() == null || query.afterPosition().compareTo(highest) > 0 ? null : query.afterPosition();
        if (after != null && after.compareTo(lowest) < 0) {
            return new Page<>(List.of(), null);
        }
        Map<String, AttributeValue> start = after == null ? null
                : Map.of("workspaceId", AttributeValue.fromS(query.workspaceId()), "eventKey", AttributeValue.fromS(after));
        List<PlatformEvent> events = new ArrayList<>();
        String lastKept = null;
        for (int pages = 0; pages < MAX_PAGES_PER_QUERY && events.size() < query.limit(); pages++) {
            int wanted = query.limit() - events.size();
            QueryResponse response = dynamoDb.query(QueryRequest.builder().tableName(table)
                    .keyConditionExpression("workspaceId = :ws AND eventKey BETWEEN :from AND :to")
                    .filterExpression(String.join(" AND ", filters))
                    .expressionAttributeNames(names)
                    .expressionAttributeValues(values)
                    .scanIndexForward(false)
                    .limit(narrowed ? Math.max(wanted, FILTERED_PAGE_ITEMS) : wanted)
                    .exclusiveStartKey(start)
                    .build());
            for (Map<String, AttributeValue> item : response.items()) {
                if (events.size() == query.limit()) {
                    // More matched than the page holds: the next page starts after the last one shown.
                    return new Page<>(events, lastKept);
                }
                events.add(toEvent(item));
                lastKept = item.get("eventKey").s();
            }
            start = response.hasLastEvaluatedKey() && !response.lastEvaluatedKey().isEmpty() ? response.lastEvaluatedKey() : null;
            if (start == null) {
                return new Page<>(events, null);
            }
        }
        // Everything up to the last evaluated key was shown or filtered out, so the next page starts there.
        return new Page<>(events, start.get("eventKey").s());
    }

    private static boolean equalsFilter(List<String> filters, Map<String, String> names, Map<String, AttributeValue> values,
                                        String attribute, String value) {
        if (value == null) {
            return false;
        }
        names.put("#" + attribute, attribute);
        values.put(":" + attribute, AttributeValue.fromS(value));
        filters.add("#" + attribute + " = :" + attribute);
        return true;
    }

    private static PlatformEvent toEvent(Map<String, AttributeValue> item) {
        try {
            return new PlatformEvent(item.get("id").s(), item.get("source").s(),
                    EventType.fromWireName(item.get("type").s()).orElseThrow(() -> new IllegalStateException("stored type " + item.get("type").s())),
                    Instant.parse(item.get("time").s()), string(item, "subject"), item.get("workspaceId").s(),
                    string(item, "correlationId"), Json.MAPPER.readTree(item.get("data").s()));
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("stored event data is JSON", e);
        }
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
