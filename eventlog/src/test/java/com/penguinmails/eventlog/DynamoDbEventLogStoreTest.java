package com.penguinmails.eventlog;

import static org.assertj.core.api.Assertions.assertThat;

import com.penguinmails.core.events.EventType;
import com.penguinmails.core.events.PlatformEvent;
import com.penguinmails.core.paging.Page;
import com.penguinmails.core.platform.Json;
import com.penguinmails.core.platform.Platform;
import com.penguinmails.core.platform.TimeOrderedKeys;
import com.penguinmails.core.testing.TestClock;
import com.penguinmails.core.testing.TestPlatforms;
import com.penguinmails.embedded.EmbeddedDynamoDbExtension;
import com.penguinmails.eventlog.internal.DynamoDbEventLogStore;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

/** The events table on dynalite, as the catalog creates it. */
class DynamoDbEventLogStoreTest {

    @RegisterExtension
    static final EmbeddedDynamoDbExtension DYNAMO = new EmbeddedDynamoDbExtension();

    private final TestClock clock = new TestClock(Instant.parse("2027-03-01T12:00:00Z"));
    private Platform platform;
    private EventLogStore store;
    private Instant expires;

    @BeforeEach
    void setUp() {
        platform = TestPlatforms.withAllTables(DYNAMO, clock, Map.of());
        store = new DynamoDbEventLogStore(platform.dynamoDb(), platform.tableName("events"));
        expires = clock.instant().plus(Duration.ofDays(30));
    }

    @Test
    void anEventIsWrittenOnceWithItsTtlAndReadBackAsPublished() {
        PlatformEvent event = event("ws_1", "e1", clock.instant(), EventType.MESSAGE_DELIVERED, "msg_1", "Ada@Example.org", "spring");

        assertThat(store.append(event, expires)).isTrue();
        assertThat(store.append(event, expires.plusSeconds(60))).as("redelivered").isFalse();

        assertThat(query(q("ws_1"))).containsExactly(event);
        Map<String, AttributeValue> item = platform.dynamoDb().scan(r -> r.tableName(platform.tableName("events"))).items().get(0);
        assertThat(item.get("expiresAtEpoch").n()).as("the first write's TTL stands").isEqualTo(Long.toString(expires.getEpochSecond()));
        assertThat(item.get("eventKey").s()).isEqualTo(String.format("%013d#e1", clock.instant().toEpochMilli()));
    }

    @Test
    void filtersCombineNewestFirstWithinTheWorkspace() {
        Instant t0 = clock.instant();
        PlatformEvent sent = event("ws_1", "e1", t0, EventType.MESSAGE_SENT, "msg_1", "ada@example.org", "spring");
        PlatformEvent delivered = event("ws_1", "e2", t0.plusSeconds(1), EventType.MESSAGE_DELIVERED, "msg_1", "ada@example.org", "spring");
        PlatformEvent bounced = event("ws_1", "e3", t0.plusSeconds(2), EventType.MESSAGE_BOUNCED, "msg_2", "bob@example.org", "autumn");
        PlatformEvent keyCreated = event("ws_1", "e4", t0.plusSeconds(3), EventType.API_KEY_CREATED, "key_1", null, null);
        PlatformEvent otherWorkspace = event("ws_2", "e5", t0.plusSeconds(4), EventType.MESSAGE_SENT, "msg_9", "ada@example.org", "spring");
        for (PlatformEvent e : List.of(sent, delivered, bounced, keyCreated, otherWorkspace)) {
            store.append(e, expires);
        }

        assertThat(query(q("ws_1"))).containsExactly(keyCreated, bounced, delivered, sent);
        assertThat(query(new EventQuery("ws_1", Set.of(EventType.MESSAGE_SENT, EventType.MESSAGE_BOUNCED), null, null, null, null, null, null, 50)))
                .containsExactly(bounced, sent);
        assertThat(query(new EventQuery("ws_1", Set.of(), "msg_1", null, null, null, null, null, 50))).containsExactly(delivered, sent);
        assertThat(query(new EventQuery("ws_1", Set.of(), null, "ADA@example.org", null, null, null, null, 50))).containsExactly(delivered, sent);
        assertThat(query(new EventQuery("ws_1", Set.of(), null, null, "autumn", null, null, null, 50))).containsExactly(bounced);
        assertThat(query(new EventQuery("ws_1", Set.of(EventType.MESSAGE_DELIVERED), null, "bob@example.org", null, null, null, null, 50))).isEmpty();
        assertThat(query(new EventQuery("ws_1", Set.of(), null, null, null, t0.plusSeconds(1), t0.plusSeconds(2), null, 50)))
                .as("from and to are inclusive").containsExactly(bounced, delivered);
        assertThat(query(q("ws_2"))).containsExactly(otherWorkspace);
    }

    @Test
    void pagesFollowTheCursorWithoutGapsOrRepeatsWhenFiltersSkipMostItems() {
        List<String> expected = new ArrayList<>();
        for (int i = 0; i < 40; i++) {
            EventType type = i % 3 == 0 ? EventType.MESSAGE_OPENED : EventType.MESSAGE_SENT;
            store.append(event("ws_1", "e" + i, clock.instant().plusMillis(i), type, "msg_" + i, null, null), expires);
            if (type == EventType.MESSAGE_OPENED) {
                expected.add(0, "e" + i);
            }
        }
        for (EventQuery first : List.of(new EventQuery("ws_1", Set.of(EventType.MESSAGE_OPENED), null, null, null, null, null, null, 4),
                new EventQuery("ws_1", Set.of(), null, null, null, null, null, null, 4))) {
            List<String> seen = new ArrayList<>();
            String cursor = null;
            do {
                Page<PlatformEvent> page = store.query(new EventQuery(first.workspaceId(), first.types(), null, null, null, null, null, cursor, 4),
                        clock.instant());
                assertThat(page.items().size()).isLessThanOrEqualTo(4);
                page.items().forEach(e -> seen.add(e.id()));
                cursor = page.nextCursor();
                assertThat(cursor == null || EventQuery.isPosition(cursor)).as("cursor %s", cursor).isTrue();
            } while (cursor != null);
            if (first.types().isEmpty()) {
                assertThat(seen).hasSize(40).doesNotHaveDuplicates();
            } else {
                assertThat(seen).isEqualTo(expected);
            }
        }
    }

    @Test
    void anExpiredEventIsNotListedThoughTtlHasNotRemovedItYet() {
        store.append(event("ws_1", "e1", clock.instant(), EventType.MESSAGE_SENT, "msg_1", null, null), clock.instant().plusSeconds(60));

        assertThat(store.query(q("ws_1"), clock.instant().plusSeconds(59)).items()).hasSize(1);
        assertThat(store.query(q("ws_1"), clock.instant().plusSeconds(60)).items()).isEmpty();
    }

    @Test
    void aCursorOutsideTheTimeRangeIsNoCursorAboveItAndTheEndBelowIt() {
        store.append(event("ws_1", "e1", clock.instant(), EventType.MESSAGE_SENT, "msg_1", null, null), expires);
        Instant from = clock.instant().minusSeconds(10);

        assertThat(query(new EventQuery("ws_1", Set.of(), null, null, null, from, null, "9999999999999#x", 10))).hasSize(1);
        assertThat(query(new EventQuery("ws_1", Set.of(), null, null, null, from, null, "0000000000001#x", 10))).isEmpty();
    }

    @Test
    void oneWorkspacesEventsAreSpreadOverItsShardsAndARedeliveryFindsItsOwnShard() {
        for (int i = 0; i < 200; i++) {
            store.append(event("ws_1", "evt_" + i, clock.instant().plusMillis(i), EventType.MESSAGE_SENT, "msg_" + i, null, null), expires);
        }
        assertThat(store.append(event("ws_1", "evt_7", clock.instant().plusMillis(7), EventType.MESSAGE_SENT, "msg_7", null, null), expires))
                .as("the same event again lands on its own item").isFalse();

        Map<String, Integer> perKey = new java.util.TreeMap<>();
        for (Map<String, AttributeValue> item : platform.dynamoDb().scanPaginator(r -> r.tableName(platform.tableName("events"))).items()) {
            perKey.merge(item.get("workspaceId").s(), 1, Integer::sum);
        }
        assertThat(perKey.keySet()).as("every shard of the workspace, and only those")
                .containsExactlyInAnyOrder(java.util.stream.IntStream.range(0, DynamoDbEventLogStore.SHARDS).mapToObj(s -> s == 0 ? "ws_1" : "ws_1#" + s).toArray(String[]::new));
        assertThat(perKey.values().stream().mapToInt(Integer::intValue).sum()).isEqualTo(200);
        assertThat(perKey.values()).as("no shard holds much more than its eighth of 200: %s", perKey).allMatch(n -> n >= 10 && n <= 45);
        assertThat(perKey).containsKey(DynamoDbEventLogStore.partitionKey("ws_1", "evt_7"));
    }

    @Test
    void pagingThroughManyEventsOverEveryShardGivesEachOnceNewestFirst() {
        List<String> newestFirst = new ArrayList<>();
        for (int i = 0; i < 230; i++) {
            // Every fourth pair shares its millisecond: ties are ordered by id, as one partition ordered them.
            Instant time = clock.instant().plusMillis(i - i % 2 * (i % 4 == 1 ? 1 : 0));
            store.append(event("ws_1", "evt_" + i, time, i % 5 == 0 ? EventType.MESSAGE_DELIVERED : EventType.MESSAGE_SENT,
                    "msg_" + i, null, null), expires);
            newestFirst.add(String.format("%013d#evt_%d", time.toEpochMilli(), i));
        }
        newestFirst.sort(java.util.Comparator.reverseOrder());
        List<String> expected = newestFirst.stream().map(key -> key.substring(key.indexOf('#') + 1)).toList();

        for (int limit : List.of(1, 7, 50, 100)) {
            assertThat(allPages(Set.of(), limit)).as("limit %d", limit).isEqualTo(expected);
        }
        List<String> delivered = expected.stream().filter(id -> Integer.parseInt(id.substring(4)) % 5 == 0).toList();
        assertThat(allPages(Set.of(EventType.MESSAGE_DELIVERED), 6)).as("filtered").isEqualTo(delivered);
        store = new DynamoDbEventLogStore(platform.dynamoDb(), platform.tableName("events"), 1);
        assertThat(allPages(Set.of(EventType.MESSAGE_DELIVERED), 6))
                .as("filtered, each shard stopping at its page budget short of a page, at a different depth").isEqualTo(delivered);

        Page<PlatformEvent> first = store.query(new EventQuery("ws_1", Set.of(), null, null, null, null, null, null, 10), clock.instant());
        assertThat(first.items()).extracting(PlatformEvent::id).isEqualTo(expected.subList(0, 10));
        assertThat(first.nextCursor()).as("the last event shown, as before").isEqualTo(newestFirst.get(9));
    }

    @Test
    void aShardThatFoundFewMatchesStopsThePageSoNothingBelowItInThatShardIsSkipped() {
        // One shard holds 30 recent events the filter skips and, below them, a match; the other shards hold matches just
        // newer and older than that match. Each shard reads at most 12 items a listing (two pages of 6).
        String busyShard = DynamoDbEventLogStore.partitionKey("ws_1", "evt_0");
        List<String> keys = new ArrayList<>();
        int skipped = 0;
        int others = 0;
        for (int i = 0; skipped < 30 || others < 40; i++) {
            String id = "evt_" + i;
            boolean busy = DynamoDbEventLogStore.partitionKey("ws_1", id).equals(busyShard);
            if (busy && skipped < 30) {
                store.append(event("ws_1", id, clock.instant().plusSeconds(100 + skipped++), EventType.MESSAGE_SENT, "msg", null, null), expires);
            } else if (!busy && others < 40) {
                Instant time = clock.instant().plusSeconds(99).minusMillis(100L * others++);
                store.append(event("ws_1", id, time, EventType.MESSAGE_DELIVERED, "msg", null, null), expires);
                keys.add(TimeOrderedKeys.key(time, id));
            }
        }
        String match = java.util.stream.IntStream.range(0, 1000).mapToObj(i -> "match_" + i)
                .filter(id -> DynamoDbEventLogStore.partitionKey("ws_1", id).equals(busyShard)).findFirst().orElseThrow();
        store.append(event("ws_1", match, clock.instant().plusSeconds(99).minusMillis(250), EventType.MESSAGE_DELIVERED, "msg", null, null), expires);
        keys.add(TimeOrderedKeys.key(clock.instant().plusSeconds(99).minusMillis(250), match));
        keys.sort(java.util.Comparator.reverseOrder());

        store = new DynamoDbEventLogStore(platform.dynamoDb(), platform.tableName("events"), 1);
        assertThat(allPages(Set.of(EventType.MESSAGE_DELIVERED), 6)).isEqualTo(keys.stream().map(k -> k.substring(k.indexOf('#') + 1)).toList());
    }

    private List<String> allPages(Set<EventType> types, int limit) {
        List<String> seen = new ArrayList<>();
        String cursor = null;
        int pages = 0;
        do {
            Page<PlatformEvent> page = store.query(new EventQuery("ws_1", types, null, null, null, null, null, cursor, limit), clock.instant());
            assertThat(page.items().size()).isLessThanOrEqualTo(limit);
            if (types.isEmpty() && page.nextCursor() != null) {
                assertThat(page.items()).as("a page before the last is full").hasSize(limit);
            }
            page.items().forEach(e -> seen.add(e.id()));
            cursor = page.nextCursor();
            assertThat(++pages).isLessThan(1000);
        } while (cursor != null);
        return seen;
    }

    private List<PlatformEvent> query(EventQuery query) {
        return store.query(query, clock.instant()).items();
    }

    private static EventQuery q(String workspaceId) {
        return new EventQuery(workspaceId, Set.of(), null, null, null, null, null, null, 50);
    }

    private static PlatformEvent event(String workspaceId, String id, Instant time, EventType type, String subject, String recipient,
                                       String campaignId) {
        var data = Json.MAPPER.createObjectNode();
        if (recipient != null) {
            data.put("recipient", recipient);
        }
        if (campaignId != null) {
            data.put("campaignId", campaignId);
        }
        data.putObject("nested").put("kept", true);
        return PlatformEvent.builder(type).id(id).source("/penguinmails/test").time(time).subject(subject).workspaceId(workspaceId)
                .correlationId("req_" + id).data(data).build();
    }
}
