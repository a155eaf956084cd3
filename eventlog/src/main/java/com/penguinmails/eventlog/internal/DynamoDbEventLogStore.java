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
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.zip.CRC32;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.ConditionalCheckFailedException;
import software.amazon.awssdk.services.dynamodb.model.QueryRequest;
import software.amazon.awssdk.services.dynamodb.model.QueryResponse;

/**
 * Each workspace's events are spread over {@link #SHARDS} partitions, {@code <workspaceId>#<shard>} ({@code <workspaceId>} for shard 0, the key all events had before; the key attribute
 * keeps its name {@code workspaceId}, so the table's key schema is unchanged), the shard a stable hash of the event id:
 * one workspace sending a million emails an hour writes two events per email, about 556 a second, over the 500 a
 * second we allow one partition key (half of DynamoDB's limit), and 8 shards bring each to about 70. Within a shard
 * the sort key is {@code <event time in epoch millis, 13 digits>#<event id>}: a time range is a key condition and
 * newest first a reverse query. The key is written once ({@code attribute_not_exists}): producers give an event published again the
 * same id and the same time, so a redelivery or a second publish finds its key taken (the same id hashes to the same
 * shard) and changes nothing. Type, subject, recipient and campaign are filters on top, and so is the expiry:
 * DynamoDB's TTL removes an item only within a few days of {@code expiresAtEpoch}, and the log must not show it meanwhile.
 * <p>
 * A listing reads every shard and merges them newest first. Sort keys are unique across shards (the id picks the
 * shard), so the merged order is the one a single partition had and a position (a sort key) means the same in every
 * shard: each shard resumes after it.
 */
public final class DynamoDbEventLogStore implements EventLogStore {

    /**
     * Fixed for the table's life: changing it (or {@link #shardOf}) moves events to other keys, where a listing and
     * the de-duplication of a redelivered event would no longer find them.
     */
    public static final int SHARDS = 8;
    /**
     * DynamoDB pages one shard may read per listing: a listing is at most {@code SHARDS} times this many requests (16),
     * and a filtered one reads at most 8,000 items (one partition read 10 pages of 500 before).
     */
    private static final int PAGES_PER_SHARD = 2;
    /** Items read per DynamoDB page when filters may skip most of them, so a rare event is found in few requests. */
    private static final int FILTERED_PAGE_ITEMS = 500;

    private final DynamoDbClient dynamoDb;
    private final String table;
    private final int filteredPageItems;

    public DynamoDbEventLogStore(DynamoDbClient dynamoDb, String table) {
        this(dynamoDb, table, FILTERED_PAGE_ITEMS);
    }

    /** With fewer items per filtered page, so a test reaches a shard's page budget without thousands of events. */
    public DynamoDbEventLogStore(DynamoDbClient dynamoDb, String table, int filteredPageItems) {
        this.dynamoDb = dynamoDb;
        this.table = table;
        this.filteredPageItems = filteredPageItems;
    }

    /** The partition key value an event is stored under: its workspace and the shard its id hashes to. */
    public static String partitionKey(String workspaceId, String eventId) {
        return shardKey(workspaceId, shardOf(eventId));
    }

    /** CRC-32 of the id's bytes: defined by its standard, so every writer, in any version, picks the same shard. */
    static int shardOf(String eventId) {
        CRC32 crc = new CRC32();
        crc.update(eventId.getBytes(StandardCharsets.UTF_8));
        return (int) (crc.getValue() % SHARDS);
    }

    /** Shard 0 is the workspace id itself: the key every event had before sharding, so those are still listed. */
    private static String shardKey(String workspaceId, int shard) {
        return shard == 0 ? workspaceId : workspaceId + "#" + shard;
    }

    /** The workspace of a partition key value: all before its '#', if it has one (shard 0 has none; workspace ids never do). */
    private static String workspaceOf(String partitionKey) {
        int hash = partitionKey.lastIndexOf('#');
        return hash < 0 ? partitionKey : partitionKey.substring(0, hash);
    }

    @Override
    public boolean append(PlatformEvent event, Instant expiresAt) {
        Map<String, AttributeValue> item = new HashMap<>();
        item.put("workspaceId", AttributeValue.fromS(partitionKey(event.workspaceId(), event.id())));
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

    /**
     * What one shard gave: up to a page of matching items, newest first, and how far down it is known: every item of
     * the shard from the position down to {@code knownDownTo} (that key included) was read, either kept or filtered
     * out. Null: the shard has nothing further in the range.
     */
    private record ShardRead(List<Map<String, AttributeValue>> items, String knownDownTo) {}

    @Override
    public Page<PlatformEvent> query(EventQuery query, Instant now) {
        Map<String, AttributeValue> values = new HashMap<>();
        Map<String, String> names = new HashMap<>();
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
        QueryRequest request = QueryRequest.builder().tableName(table)
                .keyConditionExpression("workspaceId = :ws AND eventKey BETWEEN :from AND :to")
                .filterExpression(String.join(" AND ", filters))
                .expressionAttributeNames(names)
                .scanIndexForward(false)
                .build();
        List<ShardRead> reads = new ArrayList<>(SHARDS);
        for (int shard = 0; shard < SHARDS; shard++) {
            reads.add(readShard(request, values, shardKey(query.workspaceId(), shard), after, query.limit(), narrowed));
        }
        return merge(reads, query.limit());
    }

    /** Up to {@code limit} matching items of one shard below {@code after}, in at most {@link #PAGES_PER_SHARD} requests. */
    private ShardRead readShard(QueryRequest request, Map<String, AttributeValue> values, String shardKey, String after,
                                int limit, boolean narrowed) {
        Map<String, AttributeValue> shardValues = new HashMap<>(values);
        shardValues.put(":ws", AttributeValue.fromS(shardKey));
        Map<String, AttributeValue> start = after == null ? null
                : Map.of("workspaceId", AttributeValue.fromS(shardKey), "eventKey", AttributeValue.fromS(after));
        List<Map<String, AttributeValue>> items = new ArrayList<>();
        for (int pages = 0; pages < PAGES_PER_SHARD; pages++) {
            int wanted = limit - items.size();
            QueryResponse response = dynamoDb.query(request.toBuilder()
                    .expressionAttributeValues(shardValues)
                    .limit(narrowed ? Math.max(wanted, filteredPageItems) : wanted)
                    .exclusiveStartKey(start)
                    .build());
            for (Map<String, AttributeValue> item : response.items()) {
                items.add(item);
                if (items.size() == limit) {
                    // Whatever this shard has further down waits for the next page.
                    return new ShardRead(items, item.get("eventKey").s());
                }
            }
            start = response.hasLastEvaluatedKey() && !response.lastEvaluatedKey().isEmpty() ? response.lastEvaluatedKey() : null;
            if (start == null) {
                return new ShardRead(items, null);
            }
        }
        // Everything up to the last evaluated key was kept or filtered out; below it is unread.
        return new ShardRead(items, start.get("eventKey").s());
    }

    /**
     * Newest first, the items every shard has read down to: below the highest {@code knownDownTo} some shard has not
     * looked yet, so the page stops there, and the next one starts where this one stopped, in every shard.
     */
    private static Page<PlatformEvent> merge(List<ShardRead> reads, int limit) {
        String knownDownTo = reads.stream().map(ShardRead::knownDownTo).filter(Objects::nonNull)
                .max(Comparator.naturalOrder()).orElse(null);
        List<Map<String, AttributeValue>> known = reads.stream().flatMap(read -> read.items().stream())
                .filter(item -> knownDownTo == null || item.get("eventKey").s().compareTo(knownDownTo) >= 0)
                .sorted(Comparator.comparing((Map<String, AttributeValue> item) -> item.get("eventKey").s()).reversed())
                .toList();
        if (known.size() > limit) {
            List<Map<String, AttributeValue>> shown = known.subList(0, limit);
            return new Page<>(shown.stream().map(DynamoDbEventLogStore::toEvent).toList(), shown.get(limit - 1).get("eventKey").s());
        }
        return new Page<>(known.stream().map(DynamoDbEventLogStore::toEvent).toList(), knownDownTo);
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
                    Instant.parse(item.get("time").s()), string(item, "subject"), workspaceOf(item.get("workspaceId").s()),
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
