package com.penguinmails.eventlog;

import static org.assertj.core.api.Assertions.assertThat;

import com.penguinmails.core.events.EventType;
import com.penguinmails.core.events.PlatformEvent;
import com.penguinmails.core.paging.Page;
import com.penguinmails.core.platform.Json;
import com.penguinmails.core.platform.Platform;
import com.penguinmails.core.platform.TimeOrderedKeys;
import com.penguinmails.core.testing.CountingDynamoDb;
import com.penguinmails.core.testing.TestClock;
import com.penguinmails.core.testing.TestPlatforms;
import com.penguinmails.embedded.EmbeddedDynamoDbExtension;
import com.penguinmails.eventlog.EventLogStore.Entry;
import com.penguinmails.eventlog.EventLogStore.PackState;
import com.penguinmails.eventlog.EventLogStore.PackWrite;
import com.penguinmails.eventlog.internal.DynamoDbEventLogStore;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.stream.IntStream;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

/**
 * The events table on dynalite, as the catalog creates it: events written in packs, and items of one event each as
 * the log wrote them before packs ({@link #putSingle}), listed together.
 */
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
    void aBatchIsOneCompressedItemWrittenOnceWithItsTtlAndReadBackAsPublished() {
        PlatformEvent delivered = event("ws_1", "e1", clock.instant(), EventType.MESSAGE_DELIVERED, "msg_1", "Ada@Example.org", "spring");
        PlatformEvent opened = event("ws_1", "e2", clock.instant().plusSeconds(5), EventType.MESSAGE_OPENED, "msg_1", "Ada@Example.org", "spring");

        assertThat(store.appendAll(List.of(new Entry(opened, expires), new Entry(delivered, expires.minusSeconds(5)))))
                .singleElement().satisfies(w -> {
                    assertThat(w.state()).isEqualTo(PackState.WRITTEN);
                    assertThat(w.events()).containsExactly(delivered, opened);
                });
        assertThat(store.appendAll(List.of(new Entry(delivered, expires.plusSeconds(60)), new Entry(opened, expires.plusSeconds(60)))))
                .as("redelivered").extracting(PackWrite::state).containsExactly(PackState.ALREADY_THERE);

        assertThat(query(q("ws_1"))).containsExactly(opened, delivered);
        List<Map<String, AttributeValue>> items = scan();
        assertThat(items).singleElement().satisfies(item -> {
            assertThat(item.get("expiresAtEpoch").n()).as("the latest event's expiry, the first write's")
                    .isEqualTo(Long.toString(expires.getEpochSecond()));
            assertThat(item.get("eventKey").s()).as("a millisecond past the newest event, then the pack id")
                    .matches(String.format("%013d#p_[0-9a-f]{24}", opened.time().toEpochMilli() + 1));
            assertThat(item.get("packed").b().asByteArray()).hasSizeLessThan(1024);
            assertThat(item).containsOnlyKeys("workspaceId", "eventKey", "packed", "expiresAtEpoch");
        });
    }

    @Test
    void aHundredMessageEventsPackIntoAFewKilobytes() {
        List<Entry> batch = new ArrayList<>();
        for (int i = 0; i < 100; i++) {
            String messageId = "msg_01JD" + String.format("%06d", i * 7919 % 1_000_000);
            var data = Json.MAPPER.createObjectNode().put("messageId", messageId).put("recipient", "user" + i + "@example.com")
                    .put("sendingDomain", "mail.example.com").put("resourceId", "198.51.100." + (i % 10));
            data.putArray("tags").add("welcome");
            PlatformEvent event = PlatformEvent.builder(i % 2 == 0 ? EventType.MESSAGE_SENT : EventType.MESSAGE_DELIVERED)
                    .id(PlatformEvent.idFor("message", messageId, Integer.toString(i))).source("/penguinmails/sender")
                    .time(clock.instant().plusMillis(i * 20L)).subject(messageId).workspaceId("ws_1")
                    .correlationId(PlatformEvent.idFor("req", Integer.toString(i / 10))).data(data).build();
            batch.add(new Entry(event, event.time().plus(Duration.ofDays(30))));
        }
        store.appendAll(batch);

        assertThat(scan()).singleElement().satisfies(item ->
                assertThat(item.get("packed").b().asByteArray().length).as("under 0.1 KB an event").isLessThan(10_000));
        assertThat(allPages(new EventQuery("ws_1", Set.of(), null, null, null, null, null, null, 300))).hasSize(100);
    }

    @Test
    void filtersAndTimeBoundsCombineNewestFirstWithinTheWorkspaceOverPacksAndSingleItems() {
        for (boolean packed : List.of(true, false)) {
            String ws = packed ? "ws_p" : "ws_s";
            String other = ws + "_other";
            Instant t0 = clock.instant();
            PlatformEvent sent = event(ws, "e1", t0, EventType.MESSAGE_SENT, "msg_1", "ada@example.org", "spring");
            PlatformEvent delivered = event(ws, "e2", t0.plusSeconds(1), EventType.MESSAGE_DELIVERED, "msg_1", "ada@example.org", "spring");
            PlatformEvent bounced = event(ws, "e3", t0.plusSeconds(2), EventType.MESSAGE_BOUNCED, "msg_2", "bob@example.org", "autumn");
            PlatformEvent keyCreated = event(ws, "e4", t0.plusSeconds(3), EventType.API_KEY_CREATED, "key_1", null, null);
            // A pack's key is its newest event's: this one holds events up to 50 s past the `to` below.
            PlatformEvent late = event(ws, "e6", t0.plusSeconds(52), EventType.MESSAGE_OPENED, "msg_2", "bob@example.org", "autumn");
            PlatformEvent otherWorkspace = event(other, "e5", t0.plusSeconds(4), EventType.MESSAGE_SENT, "msg_9", "ada@example.org", "spring");
            List<PlatformEvent> all = List.of(sent, delivered, bounced, keyCreated, late, otherWorkspace);
            if (packed) {
                store.appendAll(all.stream().map(e -> new Entry(e, expires)).toList());
                assertThat(scan().stream().filter(i -> i.get("workspaceId").s().startsWith(ws))).as("one pack per workspace").hasSize(2);
            } else {
                all.forEach(e -> putSingle(e, expires));
            }

            assertThat(query(q(ws))).as(ws).containsExactly(late, keyCreated, bounced, delivered, sent);
            assertThat(query(new EventQuery(ws, Set.of(EventType.MESSAGE_SENT, EventType.MESSAGE_BOUNCED), null, null, null, null, null, null, 50)))
                    .containsExactly(bounced, sent);
            assertThat(query(new EventQuery(ws, Set.of(), "msg_1", null, null, null, null, null, 50))).containsExactly(delivered, sent);
            assertThat(query(new EventQuery(ws, Set.of(), null, "ADA@example.org", null, null, null, null, 50))).containsExactly(delivered, sent);
            assertThat(query(new EventQuery(ws, Set.of(), null, null, "autumn", null, null, null, 50))).containsExactly(late, bounced);
            assertThat(query(new EventQuery(ws, Set.of(EventType.MESSAGE_DELIVERED), null, "bob@example.org", null, null, null, null, 50))).isEmpty();
            assertThat(query(new EventQuery(ws, Set.of(), null, null, null, t0.plusSeconds(1), t0.plusSeconds(2), null, 50)))
                    .as("from and to are inclusive").containsExactly(bounced, delivered);
            assertThat(query(new EventQuery(ws, Set.of(), null, null, null, t0.plusSeconds(2), null, null, 50))).containsExactly(late, keyCreated, bounced);
            assertThat(query(new EventQuery(ws, Set.of(), null, null, null, null, t0.plusMillis(999), null, 50))).containsExactly(sent);
            assertThat(query(new EventQuery(ws, Set.of(), null, null, null, null, t0.minusMillis(1), null, 50))).isEmpty();
            assertThat(allPages(new EventQuery(ws, Set.of(), null, null, null, t0.plusSeconds(1), t0.plusSeconds(3), null, 1)))
                    .containsExactly("e4", "e3", "e2");
            assertThat(query(q(other))).containsExactly(otherWorkspace);
        }
    }

    @Test
    void pagesFollowTheCursorWithoutGapsOrRepeatsWhenFiltersSkipMostEvents() {
        List<String> expected = new ArrayList<>();
        List<Entry> batch = new ArrayList<>();
        for (int i = 0; i < 40; i++) {
            EventType type = i % 3 == 0 ? EventType.MESSAGE_OPENED : EventType.MESSAGE_SENT;
            batch.add(new Entry(event("ws_1", "e" + i, clock.instant().plusMillis(i), type, "msg_" + i, null, null), expires));
            if (type == EventType.MESSAGE_OPENED) {
                expected.add(0, "e" + i);
            }
            if (batch.size() == 10) {
                store.appendAll(batch);
                batch.clear();
            }
        }
        for (Set<EventType> types : List.of(Set.of(EventType.MESSAGE_OPENED), Set.<EventType>of())) {
            List<String> seen = allPages(new EventQuery("ws_1", types, null, null, null, null, null, null, 4));
            if (types.isEmpty()) {
                assertThat(seen).hasSize(40).doesNotHaveDuplicates();
            } else {
                assertThat(seen).isEqualTo(expected);
            }
        }
    }

    @Test
    void anExpiredEventIsNotListedThoughTtlHasNotRemovedItYet() {
        store.appendAll(List.of(new Entry(event("ws_1", "e1", clock.instant(), EventType.MESSAGE_SENT, "msg_1", null, null), clock.instant().plusSeconds(60))));
        putSingle(event("ws_1", "e0", clock.instant().minusSeconds(1), EventType.MESSAGE_SENT, "msg_0", null, null), clock.instant().plusSeconds(60));

        assertThat(store.query(q("ws_1"), clock.instant().plusSeconds(59)).items()).hasSize(2);
        assertThat(store.query(q("ws_1"), clock.instant().plusSeconds(60)).items()).isEmpty();
    }

    @Test
    void anEventPastItsOwnExpiryIsNotListedThoughItsPackLivesOn() {
        Instant t = clock.instant();
        PlatformEvent shortLived = event("ws_1", "e1", t, EventType.MESSAGE_SENT, "msg_1", null, null);
        PlatformEvent longLived = event("ws_1", "e2", t.plusSeconds(1), EventType.MESSAGE_SENT, "msg_2", null, null);
        store.appendAll(List.of(new Entry(shortLived, t.plusSeconds(60)), new Entry(longLived, expires)));

        assertThat(store.query(q("ws_1"), t.plusSeconds(59)).items()).containsExactly(longLived, shortLived);
        assertThat(store.query(q("ws_1"), t.plusSeconds(60)).items()).containsExactly(longLived);
        assertThat(store.query(new EventQuery("ws_1", Set.of(), "msg_1", null, null, null, null, null, 10), t.plusSeconds(60)).items()).isEmpty();
    }

    @Test
    void aCursorOutsideTheTimeRangeIsNoCursorAboveItAndTheEndBelowIt() {
        store.appendAll(List.of(new Entry(event("ws_1", "e1", clock.instant(), EventType.MESSAGE_SENT, "msg_1", null, null), expires)));
        Instant from = clock.instant().minusSeconds(10);

        assertThat(query(new EventQuery("ws_1", Set.of(), null, null, null, from, null, "9999999999999#x", 10))).hasSize(1);
        assertThat(query(new EventQuery("ws_1", Set.of(), null, null, null, from, null, "0000000000001#x", 10))).isEmpty();
        assertThat(query(new EventQuery("ws_1", Set.of(), null, null, null, from, null, "@@0000000000001#x", 10))).isEmpty();
    }

    @Test
    void oneWorkspacesPacksAreSpreadOverItsShardsAndARedeliveredBatchFindsItsOwn() {
        for (int i = 0; i < 200; i++) {
            store.appendAll(List.of(entry(event("ws_1", "evt_" + i, clock.instant().plusMillis(i), EventType.MESSAGE_SENT, "msg_" + i, null, null))));
        }
        assertThat(store.appendAll(List.of(entry(event("ws_1", "evt_7", clock.instant().plusMillis(7), EventType.MESSAGE_SENT, "msg_7", null, null)))))
                .as("the same event again lands on its own item").extracting(PackWrite::state).containsExactly(PackState.ALREADY_THERE);

        Map<String, Integer> perKey = new TreeMap<>();
        for (Map<String, AttributeValue> item : scan()) {
            perKey.merge(item.get("workspaceId").s(), 1, Integer::sum);
        }
        assertThat(perKey.keySet()).as("every shard of the workspace, and only those")
                .containsExactlyInAnyOrderElementsOf(DynamoDbEventLogStore.partitionKeys("ws_1"));
        assertThat(perKey.values().stream().mapToInt(Integer::intValue).sum()).isEqualTo(200);
        assertThat(perKey.values()).as("no shard holds much more than its eighth of 200: %s", perKey).allMatch(n -> n >= 10 && n <= 45);
    }

    @Test
    void aBatchIsCutIntoPacksByTimeSpanAndBySize() {
        List<Entry> batch = new ArrayList<>();
        // Three minutes of events, one every 10 s: no pack may span more than MAX_SPAN (60 s).
        for (int i = 0; i < 18; i++) {
            batch.add(entry(event("ws_span", "s" + i, clock.instant().plusSeconds(10L * i), EventType.MESSAGE_SENT, "msg_" + i, null, null)));
        }
        // 300 KB of JSON at one instant: more than one pack may hold.
        String padding = "x".repeat(10_000);
        for (int i = 0; i < 30; i++) {
            PlatformEvent big = event("ws_size", "b" + String.format("%02d", i), clock.instant(), EventType.MESSAGE_SENT, "msg_" + i, null, null);
            ((com.fasterxml.jackson.databind.node.ObjectNode) big.data()).put("padding", padding + i);
            batch.add(entry(big));
        }
        List<PackWrite> writes = store.appendAll(batch);

        assertThat(writes).allMatch(w -> w.state() == PackState.WRITTEN);
        List<PackWrite> spanPacks = writes.stream().filter(w -> w.events().get(0).workspaceId().equals("ws_span")).toList();
        assertThat(spanPacks).as("packs of 0-60 s, 70-130 s, 140-170 s").hasSize(3)
                .allSatisfy(w -> assertThat(Duration.between(w.events().get(0).time(), w.events().get(w.events().size() - 1).time()))
                        .isLessThanOrEqualTo(EventLogStore.MAX_SPAN));
        assertThat(writes.stream().filter(w -> w.events().get(0).workspaceId().equals("ws_size"))).hasSize(3);
        assertThat(allPages(new EventQuery("ws_span", Set.of(), null, null, null, null, null, null, 5)))
                .isEqualTo(IntStream.range(0, 18).map(i -> 17 - i).mapToObj(i -> "s" + i).toList());
        assertThat(allPages(new EventQuery("ws_size", Set.of(), null, null, null, null, null, null, 7)))
                .isEqualTo(IntStream.range(0, 30).map(i -> 29 - i).mapToObj(i -> "b" + String.format("%02d", i)).toList());
    }

    @Test
    void packsAndSingleItemsListTogetherInOrderWhateverTheIdsAtOneMillisecond() {
        Instant t = clock.instant();
        // At one millisecond: ids sorting below and above the packs' "p_..." ids, in packs and in single items.
        PlatformEvent a = event("ws_1", "alpha", t, EventType.MESSAGE_SENT, "m", null, null);
        PlatformEvent z = event("ws_1", "zulu", t, EventType.MESSAGE_SENT, "m", null, null);
        PlatformEvent q = event("ws_1", "quebec", t, EventType.MESSAGE_SENT, "m", null, null);
        PlatformEvent y = event("ws_1", "yankee", t, EventType.MESSAGE_SENT, "m", null, null);
        PlatformEvent older = event("ws_1", "older", t.minusMillis(1), EventType.MESSAGE_SENT, "m", null, null);
        PlatformEvent newer = event("ws_1", "newer", t.plusMillis(1), EventType.MESSAGE_SENT, "m", null, null);
        store.appendAll(List.of(entry(a), entry(z)));
        store.appendAll(List.of(entry(older), entry(newer)));
        putSingle(q, expires);
        putSingle(y, expires);

        List<String> expected = List.of("newer", "zulu", "yankee", "quebec", "alpha", "older");
        for (int limit : List.of(1, 2, 3, 10)) {
            assertThat(allPages(new EventQuery("ws_1", Set.of(), null, null, null, null, null, null, limit))).as("limit %d", limit).isEqualTo(expected);
        }
    }

    @Test
    void aPackIsKeyedAboveItsNewestEventSoAPageNeverStopsAboveAnEventItHolds() {
        // One shard: single items at t+3, t+2, t+1 ms and at t (id "quebec_…", sorting between the pack's id "p_…" and
        // "zulu"), and the pack of zulu (at t) and alpha (t - 5 ms). Keyed at t#p_…, the pack would sort below quebec and
        // a page of 4 would end at quebec without having read it, showing quebec before zulu.
        Instant t = clock.instant();
        PlatformEvent zulu = event("ws_1", "zulu", t, EventType.MESSAGE_SENT, "m", null, null);
        PlatformEvent alpha = event("ws_1", "alpha", t.minusMillis(5), EventType.MESSAGE_SENT, "m", null, null);
        String shard = packShard("ws_1", zulu, alpha);
        store.appendAll(List.of(entry(zulu), entry(alpha)));
        List<String> singles = idsInShard(shard, "b", 3);
        for (int i = 0; i < 3; i++) {
            putSingle(event("ws_1", singles.get(i), t.plusMillis(3 - i), EventType.MESSAGE_SENT, "m", null, null), expires);
        }
        String quebec = idsInShard(shard, "quebec_", 1).get(0);
        putSingle(event("ws_1", quebec, t, EventType.MESSAGE_SENT, "m", null, null), expires);

        assertThat(allPages(new EventQuery("ws_1", Set.of(), null, null, null, null, null, null, 4)))
                .containsExactly(singles.get(0), singles.get(1), singles.get(2), "zulu", quebec, "alpha");
    }

    @Test
    void aPageEndingInsideALongPackReadsAgainFromItThoughMoreItemsThanTheBudgetLieBetween() {
        // One shard: a pack of events 50 s apart and, between them, 20 single items. Paging one event at a time, each
        // page reads again from the pack down past the items already shown, more than two pages of few items hold.
        Instant t = clock.instant();
        PlatformEvent first = event("ws_1", "x_first", t, EventType.MESSAGE_SENT, "m", null, null);
        PlatformEvent last = event("ws_1", "x_last", t.plusSeconds(50), EventType.MESSAGE_SENT, "m", null, null);
        String shard = packShard("ws_1", first, last);
        store.appendAll(List.of(entry(first), entry(last)));
        List<String> expected = new ArrayList<>(List.of("x_last"));
        List<String> singles = idsInShard(shard, "s", 20);
        for (int i = 0; i < 20; i++) {
            putSingle(event("ws_1", singles.get(i), t.plusSeconds(40 - i), EventType.MESSAGE_SENT, "m", null, null), expires);
            expected.add(singles.get(i));
        }
        expected.add("x_first");

        store = new DynamoDbEventLogStore(platform.dynamoDb(), platform.tableName("events"), 1);
        for (int limit : List.of(1, 2)) {
            assertThat(allPages(new EventQuery("ws_1", Set.of(), null, null, null, null, null, null, limit))).as("limit %d", limit).isEqualTo(expected);
        }
        assertThat(allPages(new EventQuery("ws_1", Set.of(EventType.MESSAGE_SENT), null, null, null, null, null, null, 1))).as("filtered")
                .isEqualTo(expected);
    }

    @Test
    void pagingOverOverlappingPacksAndSingleItemsOnEveryShardGivesEachEventOnceNewestFirst() {
        List<String> newestFirst = new ArrayList<>();
        List<List<Entry>> packs = new ArrayList<>();
        for (int p = 0; p < 8; p++) {
            packs.add(new ArrayList<>());
        }
        for (int i = 0; i < 230; i++) {
            // Every fourth pair shares its millisecond: ties are ordered by id, as one partition ordered them.
            Instant time = clock.instant().plusMillis(i - i % 2 * (i % 4 == 1 ? 1 : 0));
            PlatformEvent event = event("ws_1", "evt_" + i, time, i % 5 == 0 ? EventType.MESSAGE_DELIVERED : EventType.MESSAGE_SENT,
                    "msg_" + i, null, null);
            // Eight packs, each spanning all 230 ms, and one event in five as a single item from before packs.
            if (i % 10 < 8) {
                packs.get(i % 10).add(entry(event));
            } else {
                putSingle(event, expires);
            }
            newestFirst.add(TimeOrderedKeys.key(time, event.id()));
        }
        packs.forEach(store::appendAll);
        newestFirst.sort(Comparator.reverseOrder());
        List<String> expected = newestFirst.stream().map(key -> key.substring(key.indexOf('#') + 1)).toList();

        for (int limit : List.of(1, 7, 50, 100)) {
            assertThat(allPages(new EventQuery("ws_1", Set.of(), null, null, null, null, null, null, limit))).as("limit %d", limit).isEqualTo(expected);
        }
        List<String> delivered = expected.stream().filter(id -> Integer.parseInt(id.substring(4)) % 5 == 0).toList();
        EventQuery deliveredOnly = new EventQuery("ws_1", Set.of(EventType.MESSAGE_DELIVERED), null, null, null, null, null, null, 6);
        assertThat(allPages(deliveredOnly)).as("filtered").isEqualTo(delivered);
        store = new DynamoDbEventLogStore(platform.dynamoDb(), platform.tableName("events"), 1);
        assertThat(allPages(deliveredOnly)).as("filtered, each shard stopping at its page budget short of a page").isEqualTo(delivered);

        Page<PlatformEvent> first = store.query(new EventQuery("ws_1", Set.of(), null, null, null, null, null, null, 10), clock.instant());
        assertThat(first.items()).extracting(PlatformEvent::id).isEqualTo(expected.subList(0, 10));
        assertThat(EventLogCursor.parse(first.nextCursor()).position()).as("the last event shown").isEqualTo(newestFirst.get(9));
    }

    @Test
    void aShardThatFoundFewMatchesStopsThePageSoNothingBelowItInThatShardIsSkipped() {
        // Single items, whose shards the test can pick: one shard holds 30 recent events the filter skips and, below
        // them, a match; the other shards hold matches just newer and older than that match. Each shard reads at most
        // 14 items a listing (two pages of 7).
        String busyShard = DynamoDbEventLogStore.partitionKey("ws_1", "evt_0");
        List<String> keys = new ArrayList<>();
        int skipped = 0;
        int others = 0;
        for (int i = 0; skipped < 30 || others < 40; i++) {
            String id = "evt_" + i;
            boolean busy = DynamoDbEventLogStore.partitionKey("ws_1", id).equals(busyShard);
            if (busy && skipped < 30) {
                putSingle(event("ws_1", id, clock.instant().plusSeconds(100 + skipped++), EventType.MESSAGE_SENT, "msg", null, null), expires);
            } else if (!busy && others < 40) {
                Instant time = clock.instant().plusSeconds(99).minusMillis(100L * others++);
                putSingle(event("ws_1", id, time, EventType.MESSAGE_DELIVERED, "msg", null, null), expires);
                keys.add(TimeOrderedKeys.key(time, id));
            }
        }
        String match = IntStream.range(0, 1000).mapToObj(i -> "match_" + i)
                .filter(id -> DynamoDbEventLogStore.partitionKey("ws_1", id).equals(busyShard)).findFirst().orElseThrow();
        putSingle(event("ws_1", match, clock.instant().plusSeconds(99).minusMillis(250), EventType.MESSAGE_DELIVERED, "msg", null, null), expires);
        keys.add(TimeOrderedKeys.key(clock.instant().plusSeconds(99).minusMillis(250), match));
        keys.sort(Comparator.reverseOrder());

        store = new DynamoDbEventLogStore(platform.dynamoDb(), platform.tableName("events"), 1);
        assertThat(allPages(new EventQuery("ws_1", Set.of(EventType.MESSAGE_DELIVERED), null, null, null, null, null, null, 6)))
                .isEqualTo(keys.stream().map(k -> k.substring(k.indexOf('#') + 1)).toList());
    }

    @Test
    void aListingOfPacksFillsItsPageInOneRequestPerShard() {
        for (int batch = 0; batch < 20; batch++) {
            List<Entry> entries = new ArrayList<>();
            for (int i = 0; i < 50; i++) {
                entries.add(entry(event("ws_1", "e" + (batch * 50 + i), clock.instant().plusMillis(batch * 2_000L + i * 40L),
                        EventType.MESSAGE_SENT, "m", null, null)));
            }
            store.appendAll(entries);
        }
        CountingDynamoDb counting = new CountingDynamoDb(platform.dynamoDb());
        store = new DynamoDbEventLogStore(counting.client(), platform.tableName("events"));

        Page<PlatformEvent> first = store.query(new EventQuery("ws_1", Set.of(), null, null, null, null, null, null, 100), clock.instant());
        Page<PlatformEvent> second = store.query(new EventQuery("ws_1", Set.of(), null, null, null, null, null, first.nextCursor(), 100), clock.instant());

        assertThat(first.items()).extracting(PlatformEvent::id).first().isEqualTo("e999");
        assertThat(second.items()).extracting(PlatformEvent::id).first().isEqualTo("e899");
        assertThat(second.items()).extracting(PlatformEvent::id).last().isEqualTo("e800");
        assertThat(counting.calls("query")).as("a query per shard and page").isEqualTo(2 * DynamoDbEventLogStore.SHARDS);
    }

    @Test
    void aBatchRedeliveredInAnotherCompositionIsListedOnce() {
        List<PlatformEvent> events = IntStream.range(0, 15)
                .mapToObj(i -> event("ws_1", "e" + String.format("%02d", i), clock.instant().plusMillis(100L * i), EventType.MESSAGE_SENT, "m", null, null))
                .toList();
        store.appendAll(events.subList(0, 10).stream().map(this::entry).toList());
        // Its messages came back with others (e05 to e09 in both), and a part of it on its own.
        store.appendAll(events.subList(5, 15).stream().map(this::entry).toList());
        store.appendAll(events.subList(7, 9).stream().map(this::entry).toList());
        assertThat(store.appendAll(events.subList(0, 10).stream().map(this::entry).toList()))
                .extracting(PackWrite::state).containsExactly(PackState.ALREADY_THERE);
        assertThat(scan()).hasSize(3);

        List<String> expected = IntStream.range(0, 15).mapToObj(i -> events.get(14 - i).id()).toList();
        for (int limit : List.of(1, 3, 7, 100)) {
            assertThat(allPages(new EventQuery("ws_1", Set.of(), null, null, null, null, null, null, limit))).as("limit %d", limit).isEqualTo(expected);
        }
        assertThat(query(new EventQuery("ws_1", Set.of(), null, null, null, events.get(6).time(), events.get(8).time(), null, 10)))
                .extracting(PlatformEvent::id).containsExactly("e08", "e07", "e06");
    }

    @Test
    void aCursorFromBeforePacksResumesBelowItsPositionIncludingPacksKeyedAboveIt() {
        Instant t = clock.instant();
        putSingle(event("ws_1", "s3", t.plusSeconds(30), EventType.MESSAGE_SENT, "m", null, null), expires);
        putSingle(event("ws_1", "s2", t.plusSeconds(20), EventType.MESSAGE_SENT, "m", null, null), expires);
        // Written late (say a redelivery) in a pack keyed at 40 s: it holds events on both sides of the old cursor.
        store.appendAll(List.of(entry(event("ws_1", "p1", t.plusSeconds(10), EventType.MESSAGE_SENT, "m", null, null)),
                entry(event("ws_1", "p4", t.plusSeconds(39), EventType.MESSAGE_SENT, "m", null, null))));
        String oldCursor = TimeOrderedKeys.key(t.plusSeconds(20), "s2");

        Page<PlatformEvent> page = store.query(new EventQuery("ws_1", Set.of(), null, null, null, null, null, oldCursor, 10), clock.instant());

        assertThat(page.items()).extracting(PlatformEvent::id).containsExactly("p1");
        assertThat(page.nextCursor()).isNull();
    }

    /** The partition key the pack of these events gets in the workspace: learnt by writing it to another workspace. */
    private String packShard(String workspaceId, PlatformEvent... events) {
        String probe = "probe_" + workspaceId;
        store.appendAll(java.util.Arrays.stream(events).map(e -> entry(PlatformEvent.builder(e.type()).id(e.id()).source(e.source())
                .time(e.time()).subject(e.subject()).workspaceId(probe).correlationId(e.correlationId()).data(e.data()).build())).toList());
        String key = scan().stream().map(i -> i.get("workspaceId").s()).filter(k -> k.startsWith(probe)).findFirst().orElseThrow();
        return workspaceId + key.substring(probe.length());
    }

    /** Ids of single items that land on that partition key: the prefix and a number, in order. */
    private static List<String> idsInShard(String partitionKey, String prefix, int count) {
        String workspaceId = partitionKey.contains("#") ? partitionKey.substring(0, partitionKey.indexOf('#')) : partitionKey;
        return IntStream.range(0, 10_000).mapToObj(i -> prefix + String.format("%04d", i))
                .filter(id -> DynamoDbEventLogStore.partitionKey(workspaceId, id).equals(partitionKey)).limit(count).toList();
    }

    private List<String> allPages(EventQuery first) {
        List<String> seen = new ArrayList<>();
        String cursor = null;
        int pages = 0;
        do {
            Page<PlatformEvent> page = store.query(new EventQuery(first.workspaceId(), first.types(), first.subject(), first.recipient(),
                    first.campaignId(), first.from(), first.to(), cursor, first.limit()), clock.instant());
            assertThat(page.items().size()).isLessThanOrEqualTo(first.limit());
            page.items().forEach(e -> seen.add(e.id()));
            cursor = page.nextCursor();
            assertThat(cursor == null || EventQuery.isPosition(cursor)).as("cursor %s", cursor).isTrue();
            assertThat(++pages).isLessThan(1000);
        } while (cursor != null);
        return seen;
    }

    private List<PlatformEvent> query(EventQuery query) {
        return store.query(query, clock.instant()).items();
    }

    private List<Map<String, AttributeValue>> scan() {
        List<Map<String, AttributeValue>> items = new ArrayList<>();
        platform.dynamoDb().scanPaginator(r -> r.tableName(platform.tableName("events"))).items().forEach(items::add);
        return items;
    }

    private Entry entry(PlatformEvent event) {
        return new Entry(event, expires);
    }

    /** An item as the log wrote each event before packs: its own item, sharded by the event id, keyed by its position. */
    private void putSingle(PlatformEvent event, Instant expiresAt) {
        Map<String, AttributeValue> item = new HashMap<>();
        item.put("workspaceId", AttributeValue.fromS(DynamoDbEventLogStore.partitionKey(event.workspaceId(), event.id())));
        item.put("eventKey", AttributeValue.fromS(TimeOrderedKeys.key(event.time(), event.id())));
        item.put("id", AttributeValue.fromS(event.id()));
        item.put("source", AttributeValue.fromS(event.source()));
        item.put("type", AttributeValue.fromS(event.type().wireName()));
        item.put("time", AttributeValue.fromS(event.time().toString()));
        item.put("subject", AttributeValue.fromS(event.subject()));
        item.put("correlationId", AttributeValue.fromS(event.correlationId()));
        if (EventLogService.recipientOf(event) != null) {
            item.put("recipient", AttributeValue.fromS(EventLogService.recipientOf(event)));
        }
        if (EventLogService.campaignIdOf(event) != null) {
            item.put("campaignId", AttributeValue.fromS(EventLogService.campaignIdOf(event)));
        }
        item.put("data", AttributeValue.fromS(event.data().toString()));
        item.put("expiresAtEpoch", AttributeValue.fromN(Long.toString(expiresAt.getEpochSecond())));
        platform.dynamoDb().putItem(r -> r.tableName(platform.tableName("events")).item(item));
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
