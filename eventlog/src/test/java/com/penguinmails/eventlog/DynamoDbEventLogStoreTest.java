package com.penguinmails.eventlog;

import static org.assertj.core.api.Assertions.assertThat;

import com.penguinmails.core.events.EventType;
import com.penguinmails.core.events.PlatformEvent;
import com.penguinmails.core.paging.Page;
import com.penguinmails.core.platform.Json;
import com.penguinmails.core.platform.Platform;
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
