package com.penguinmails.eventlog.internal;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.penguinmails.core.events.EventType;
import com.penguinmails.core.events.PlatformEvent;
import com.penguinmails.core.paging.Page;
import com.penguinmails.core.platform.Json;
import com.penguinmails.core.platform.ShardedKeys;
import com.penguinmails.core.platform.TimeOrderedKeys;
import com.penguinmails.eventlog.EventLogCursor;
import com.penguinmails.eventlog.EventLogStore;
import com.penguinmails.eventlog.EventQuery;
import com.penguinmails.eventlog.internal.EventPack.StoredEvent;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.TreeMap;
import java.util.function.Predicate;
import software.amazon.awssdk.core.SdkBytes;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.ConditionalCheckFailedException;
import software.amazon.awssdk.services.dynamodb.model.QueryRequest;
import software.amazon.awssdk.services.dynamodb.model.QueryResponse;

/**
 * The events table. Events are written in packs ({@link EventPack}: one item holding several events of a workspace,
 * gzip-compressed): a write unit per pack rather than per event. Each workspace's items are spread over
 * {@link #SHARDS} partitions, {@code <workspaceId>#<shard>} ({@code <workspaceId>} for shard 0; the key attribute
 * keeps its name {@code workspaceId}, so the table's key schema is unchanged), the shard a stable hash of the pack id:
 * one workspace sending a million emails an hour makes about 556 events a second, and its packs' writes spread over
 * 8 keys. Within a shard the sort key {@code eventKey} is {@code <time in epoch millis, 13 digits>#<id>}: for a pack
 * its newest event's time plus a millisecond, and its id (a digest of its events); for an item written before packs
 * (one event, still listed) the event's time and id. The key is written once ({@code attribute_not_exists}): a
 * redelivered batch makes the same packs and changes nothing.
 * <p>
 * An event redelivered in another batch lands in another pack too, so an event may be stored twice; a listing shows
 * it once, by its position {@code <time>#<id>} (producers give an event published again the same id and time). The
 * copies are few: one per delivery of its message, which the queue's maxReceiveCount bounds.
 * <p>
 * A listing reads every shard newest first and merges the events of the items read. An item's key is above all its
 * events and at most {@link EventLogStore#MAX_SPAN} and a millisecond above its oldest, so once every shard is read
 * down to a key K, every event at or above K is known (any other is in an item keyed below K), and copies of one event
 * are known together: a page shows events down to the highest such K and no further. Filters and each event's own
 * expiry (TTL removes an item only days after {@code expiresAtEpoch}, its last event's expiry) apply to the events in
 * Java; only whole expired items are left out by DynamoDB. A page may end inside a pack: its cursor
 * ({@link EventLogCursor}) says to read again from that pack's key.
 */
public final class DynamoDbEventLogStore implements EventLogStore {

    /**
     * Fixed for the table's life: changing it (or {@link #shardOf}) moves items to other keys, where a listing and
     * the conditional put of a redelivered batch would no longer find them.
     */
    public static final int SHARDS = 8;
    /**
     * DynamoDB pages one shard may read per listing beyond the items above the cursor (see {@link #readShard}): a
     * listing is at most {@code SHARDS} times this many requests (16) and a filtered one reads at most 8,000 items.
     */
    private static final int PAGES_PER_SHARD = 2;
    /** Items read per DynamoDB page when filters may skip most events, so a rare event is found in few requests. */
    private static final int FILTERED_PAGE_ITEMS = 500;
    /**
     * Items in an unfiltered listing's first page of a shard: a pack holds tens of events, so a few fill most pages
     * (and cover the pack a cursor reads again); the second page reads as many items as events are still wanted.
     */
    private static final int FIRST_PAGE_ITEMS = 4;

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

    /**
     * The partition key value an item is stored under: its workspace and the shard the id in its sort key hashes to
     * (a pack's id; an event's id for an item written before packs).
     */
    public static String partitionKey(String workspaceId, String idInKey) {
        return ShardedKeys.key(workspaceId, shardOf(idInKey));
    }

    /** Every partition key value of the workspace's items. */
    public static List<String> partitionKeys(String workspaceId) {
        return ShardedKeys.all(workspaceId, SHARDS);
    }

    static int shardOf(String id) {
        return ShardedKeys.crc32Shard(id, SHARDS);
    }

    /**
     * A pack's sort key: a millisecond past its newest event, so the key sorts above every event of the pack whatever
     * their ids (at the newest event's own millisecond, an event id sorting after the pack id would be above it).
     */
    static String packKey(Instant newest, String packId) {
        return TimeOrderedKeys.key(newest.plusMillis(1), packId);
    }

    @Override
    public List<PackWrite> appendAll(List<Entry> entries) {
        List<PackWrite> writes = new ArrayList<>();
        for (EventPack pack : EventPack.form(entries)) {
            writes.add(write(pack));
        }
        return writes;
    }

    private PackWrite write(EventPack pack) {
        String id = pack.id();
        Map<String, AttributeValue> item = Map.of(
                "workspaceId", AttributeValue.fromS(partitionKey(pack.workspaceId(), id)),
                "eventKey", AttributeValue.fromS(packKey(pack.newest(), id)),
                "packed", AttributeValue.fromB(SdkBytes.fromByteArray(pack.compressed())),
                "expiresAtEpoch", AttributeValue.fromN(Long.toString(pack.expiresAtEpoch())));
        try {
            dynamoDb.putItem(r -> r.tableName(table).item(item).conditionExpression("attribute_not_exists(eventKey)"));
            return new PackWrite(pack.events(), PackState.WRITTEN, null);
        } catch (ConditionalCheckFailedException e) {
            return new PackWrite(pack.events(), PackState.ALREADY_THERE, null);
        } catch (SdkException e) {
            return new PackWrite(pack.events(), PackState.FAILED, e);
        }
    }

    /** An item as read: its sort key and its events (one, for an item written before packs). */
    private record StoredItem(String key, List<StoredEvent> events) {}

    /**
     * What one shard gave: the items it read, newest first, and how far down it is known: every item of the shard from
     * where the read began down to {@code knownDownTo} (that key included) was read. Null: the shard has nothing
     * further in the range.
     */
    private record ShardRead(List<StoredItem> items, String knownDownTo) {}

    @Override
    public Page<PlatformEvent> query(EventQuery query, Instant now) {
        EventLogCursor cursor = EventLogCursor.parse(query.afterPosition());
        if (query.afterPosition() != null && cursor == null) {
            throw new IllegalArgumentException("not a position of the event log: " + query.afterPosition());
        }
        String lowest = TimeOrderedKeys.lowest(query.from());
        // An event at `to` may be in a pack whose newest event is MAX_SPAN later, keyed a millisecond after that.
        String highest = TimeOrderedKeys.highest(query.to() == null ? null : query.to().plus(MAX_SPAN).plusMillis(1));
        String below = cursor == null ? null : cursor.position();
        String upper = cursor == null || cursor.readFrom().compareTo(highest) > 0 ? highest : cursor.readFrom();
        // A cursor kept while from or to changed: one above the range is the same as none, one below it has nothing after it.
        if (upper.compareTo(lowest) < 0 || below != null && below.compareTo(lowest) < 0) {
            return new Page<>(List.of(), null);
        }
        long nowEpoch = now.getEpochSecond();
        Predicate<StoredEvent> shown = event -> event.expiresAtEpoch() > nowEpoch && query.matches(event.event())
                && (below == null || event.position().compareTo(below) < 0);
        boolean narrowed = !query.types().isEmpty() || query.subject() != null || query.recipient() != null || query.campaignId() != null;

        QueryRequest request = QueryRequest.builder().tableName(table)
                .keyConditionExpression("workspaceId = :ws AND eventKey BETWEEN :from AND :to")
                .filterExpression("#expires > :now")
                .expressionAttributeNames(Map.of("#expires", "expiresAtEpoch"))
                .scanIndexForward(false)
                .build();
        Map<String, AttributeValue> values = Map.of(":from", AttributeValue.fromS(lowest), ":to", AttributeValue.fromS(upper),
                ":now", AttributeValue.fromN(Long.toString(nowEpoch)));
        List<ShardRead> reads = new ArrayList<>(SHARDS);
        for (String shardKey : partitionKeys(query.workspaceId())) {
            reads.add(readShard(request, values, shardKey, below, query.limit(), narrowed, shown));
        }
        return merge(reads, query.limit(), shown);
    }

    /**
     * The shard's items from the top of the range down, until {@code limit} events to show are known in it alone
     * (at or above the key it has read down to), in at most {@link #PAGES_PER_SHARD} requests. A shard that has not yet
     * read below the cursor's position reads on past the budget, in large pages: the items above the position hold no
     * event to show (they are read again for a pack a page ended in, keyed at most MAX_SPAN and a millisecond above the
     * position), and stopping among them would make the next page start at the same cursor again.
     */
    private ShardRead readShard(QueryRequest request, Map<String, AttributeValue> values, String shardKey, String below,
                                int limit, boolean narrowed, Predicate<StoredEvent> shown) {
        Map<String, AttributeValue> shardValues = new HashMap<>(values);
        shardValues.put(":ws", AttributeValue.fromS(shardKey));
        List<StoredItem> items = new ArrayList<>();
        Map<String, AttributeValue> start = null;
        String knownDownTo = null;
        int known = 0;
        for (int pages = 1; ; pages++) {
            // One more item than events wanted: a pack's events are all below its key, known only once the next item is read.
            int wanted = limit - known + 1;
            boolean aboveCursor = below != null && knownDownTo != null && knownDownTo.compareTo(below) >= 0;
            QueryResponse response = dynamoDb.query(request.toBuilder()
                    .expressionAttributeValues(shardValues)
                    .limit(narrowed || aboveCursor ? Math.max(wanted, filteredPageItems) : pages == 1 ? FIRST_PAGE_ITEMS : wanted)
                    .exclusiveStartKey(start)
                    .build());
            for (Map<String, AttributeValue> item : response.items()) {
                items.add(read(item));
            }
            start = response.hasLastEvaluatedKey() && !response.lastEvaluatedKey().isEmpty() ? response.lastEvaluatedKey() : null;
            if (start == null) {
                return new ShardRead(items, null);
            }
            knownDownTo = start.get("eventKey").s();
            known = knownToShow(items, knownDownTo, shown);
            if (known >= limit || pages >= PAGES_PER_SHARD && (below == null || knownDownTo.compareTo(below) < 0)) {
                return new ShardRead(items, knownDownTo);
            }
        }
    }

    /** How many different events of the items may be shown and are at or above {@code knownDownTo}. */
    private static int knownToShow(List<StoredItem> items, String knownDownTo, Predicate<StoredEvent> shown) {
        Set<String> positions = new HashSet<>();
        for (StoredItem item : items) {
            for (StoredEvent event : item.events()) {
                if (event.position().compareTo(knownDownTo) >= 0 && shown.test(event)) {
                    positions.add(event.position());
                }
            }
        }
        return positions.size();
    }

    /**
     * Newest first, the events every shard has read down to: below the highest {@code knownDownTo} some shard has not
     * looked yet, so the page stops there. The next page shows what is below the last event shown (or below that
     * key), and reads again from the highest item that holds such an event: a pack this page showed in part.
     */
    private static Page<PlatformEvent> merge(List<ShardRead> reads, int limit, Predicate<StoredEvent> shown) {
        String knownDownTo = reads.stream().map(ShardRead::knownDownTo).filter(Objects::nonNull)
                .max(Comparator.naturalOrder()).orElse(null);
        // By position, newest first; a second copy of an event (written again in another pack) has the same position.
        TreeMap<String, PlatformEvent> known = new TreeMap<>(Comparator.reverseOrder());
        for (ShardRead read : reads) {
            for (StoredItem item : read.items()) {
                for (StoredEvent event : item.events()) {
                    if ((knownDownTo == null || event.position().compareTo(knownDownTo) >= 0) && shown.test(event)) {
                        known.putIfAbsent(event.position(), event.event());
                    }
                }
            }
        }
        List<PlatformEvent> page = known.values().stream().limit(limit).toList();
        String next;
        if (known.size() > limit) {
            next = EventPack.positionOf(page.get(limit - 1));
        } else if (knownDownTo != null) {
            next = knownDownTo;
        } else {
            return new Page<>(page, null);
        }
        String readFrom = next;
        for (ShardRead read : reads) {
            for (StoredItem item : read.items()) {
                if (item.key().compareTo(readFrom) > 0 && item.events().stream().anyMatch(e -> e.position().compareTo(next) < 0)) {
                    readFrom = item.key();
                }
            }
        }
        return new Page<>(page, new EventLogCursor(next, readFrom).format());
    }

    private static StoredItem read(Map<String, AttributeValue> item) {
        String key = item.get("eventKey").s();
        String workspaceId = ShardedKeys.baseOf(item.get("workspaceId").s());
        if (item.containsKey("packed")) {
            return new StoredItem(key, EventPack.read(item.get("packed").b().asInputStream(), workspaceId));
        }
        return new StoredItem(key, List.of(new StoredEvent(singleEvent(item, workspaceId), Long.parseLong(item.get("expiresAtEpoch").n()))));
    }

    /** An item written before packs: one event, its fields as attributes. */
    private static PlatformEvent singleEvent(Map<String, AttributeValue> item, String workspaceId) {
        try {
            return new PlatformEvent(item.get("id").s(), item.get("source").s(),
                    EventType.fromWireName(item.get("type").s()).orElseThrow(() -> new IllegalStateException("stored type " + item.get("type").s())),
                    Instant.parse(item.get("time").s()), string(item, "subject"), workspaceId,
                    string(item, "correlationId"), Json.MAPPER.readTree(item.get("data").s()));
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("stored event data is JSON", e);
        }
    }

    private static String string(Map<String, AttributeValue> item, String name) {
        AttributeValue value = item.get(name);
        return value == null ? null : value.s();
    }
}
