package com.penguinmails.eventlog;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.penguinmails.core.events.EventType;
import com.penguinmails.core.events.PlatformEvent;
import com.penguinmails.core.platform.Json;
import com.penguinmails.core.problems.ApiProblem;
import com.penguinmails.core.testing.TestClock;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

/** The event log's rules on the in-memory store: once per event, retention from the workspace, the query's checks. */
class EventLogServiceTest {

    private final TestClock clock = new TestClock(Instant.parse("2027-03-01T12:00:00Z"));
    private final InMemoryEventLogStore store = new InMemoryEventLogStore();
    private final Map<String, Integer> settings = new HashMap<>(Map.of("ws_short", 2));
    private final AtomicInteger settingReads = new AtomicInteger();
    private final EventLogService service = new EventLogService(store, workspaceId -> {
        settingReads.incrementAndGet();
        return settings.getOrDefault(workspaceId, 30);
    }, clock);

    @Test
    void anEventRecordedTwiceIsKeptOnce() {
        PlatformEvent event = event("ws_a", "e1", clock.instant().minusSeconds(5), EventType.MESSAGE_DELIVERED);

        assertThat(service.record(event)).isEqualTo(EventLogService.Outcome.RECORDED);
        assertThat(service.record(event)).isEqualTo(EventLogService.Outcome.ALREADY_RECORDED);

        assertThat(store.size()).isEqualTo(1);
    }

    @Test
    void aBatchIsOnePackPerWorkspaceAndTheSameBatchAgainChangesNothing() {
        Instant t = clock.instant().minusSeconds(30);
        List<PlatformEvent> batch = List.of(event("ws_a", "e1", t, EventType.MESSAGE_SENT), event("ws_b", "e2", t, EventType.MESSAGE_SENT),
                event("ws_a", "e3", t.plusSeconds(1), EventType.MESSAGE_DELIVERED), event("ws_a", "e4", t.plusSeconds(2), EventType.MESSAGE_OPENED));

        EventLogService.BatchOutcome first = service.recordAll(batch);
        EventLogService.BatchOutcome again = service.recordAll(List.of(batch.get(3), batch.get(2), batch.get(1), batch.get(0)));

        assertThat(first).isEqualTo(new EventLogService.BatchOutcome(4, 0, 0, Map.of()));
        assertThat(again).as("redelivered, in another order").isEqualTo(new EventLogService.BatchOutcome(0, 4, 0, Map.of()));
        assertThat(store.packs()).isEqualTo(2);
        assertThat(service.list(query("ws_a")).items()).extracting(PlatformEvent::id).containsExactly("e4", "e3", "e1");
    }

    @Test
    void aBatchRecordsWhatItCanAndNamesTheEventsItCouldNot() {
        Instant t = clock.instant().minusSeconds(30);
        PlatformEvent kept = event("ws_a", "e1", t, EventType.MESSAGE_SENT);
        PlatformEvent unkeyable = event("ws_a", "x".repeat(201), t, EventType.MESSAGE_SENT);
        PlatformEvent old = event("ws_short", "e2", clock.instant().minus(Duration.ofDays(3)), EventType.MESSAGE_SENT);
        PlatformEvent failing = event("ws_b", "e3", t, EventType.MESSAGE_SENT);
        PlatformEvent besideFailing = event("ws_b", "e4", t, EventType.MESSAGE_DELIVERED);
        store.failPacksHolding("e3");

        EventLogService.BatchOutcome outcome = service.recordAll(List.of(kept, unkeyable, old, kept, failing, besideFailing));

        assertThat(outcome.recorded()).isEqualTo(1);
        assertThat(outcome.alreadyRecorded()).as("the same event twice in the batch").isEqualTo(1);
        assertThat(outcome.pastRetention()).isEqualTo(1);
        assertThat(outcome.failed()).as("its pack failed, so e4 comes back with e3").containsOnlyKeys("x".repeat(201), "e3", "e4");
        assertThat(outcome.failed().get("x".repeat(201))).isInstanceOf(IllegalArgumentException.class);
        assertThat(service.list(query("ws_a")).items()).containsExactly(kept);
        assertThat(service.list(query("ws_b")).items()).isEmpty();
    }

    @Test
    void eachEventExpiresItsWorkspacesRetentionAfterItsOwnTime() {
        Instant happened = clock.instant().minus(Duration.ofHours(1));
        PlatformEvent shortLived = event("ws_short", "e1", happened, EventType.MESSAGE_OPENED);
        PlatformEvent usual = event("ws_a", "e2", happened, EventType.MESSAGE_OPENED);

        service.record(shortLived);
        service.record(usual);

        assertThat(store.stored(shortLived).expiresAt()).isEqualTo(happened.plus(Duration.ofDays(2)));
        assertThat(store.stored(usual).expiresAt()).isEqualTo(happened.plus(Duration.ofDays(30)));
    }

    @Test
    void theRetentionSettingIsReadOncePerWorkspaceAMinuteAndAChangeReachesTheWriterAfterIt() {
        service.record(event("ws_short", "e1", clock.instant(), EventType.MESSAGE_SENT));
        service.record(event("ws_short", "e2", clock.instant(), EventType.MESSAGE_SENT));
        assertThat(settingReads).hasValue(1);

        settings.put("ws_short", 7);
        clock.advance(Duration.ofSeconds(61));
        PlatformEvent later = event("ws_short", "e3", clock.instant(), EventType.MESSAGE_SENT);
        service.record(later);

        assertThat(settingReads).hasValue(2);
        assertThat(store.stored(later).expiresAt()).isEqualTo(later.time().plus(Duration.ofDays(7)));
    }

    @Test
    void anEventWhoseRetentionEndedBeforeItArrivedIsNotWritten() {
        PlatformEvent old = event("ws_short", "e1", clock.instant().minus(Duration.ofDays(3)), EventType.MESSAGE_BOUNCED);

        assertThat(service.record(old)).isEqualTo(EventLogService.Outcome.PAST_RETENTION);
        assertThat(store.appends).isZero();
    }

    @Test
    void anEventTheLogCannotKeyIsRefusedSoItsMessageEndsInTheDeadLetterQueue() {
        assertThatThrownBy(() -> service.record(event("ws_a", "x".repeat(201), clock.instant(), EventType.MESSAGE_SENT)))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("id");
        assertThatThrownBy(() -> service.record(event("ws_a", "e1", Instant.parse("1969-12-31T23:59:59Z"), EventType.MESSAGE_SENT)))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("time");
        assertThat(store.appends).isZero();
    }

    @Test
    void expiredEventsAreNotListedEvenBeforeTtlRemovesThem() {
        service.record(event("ws_short", "e1", clock.instant(), EventType.MESSAGE_CLICKED));
        assertThat(service.list(query("ws_short")).items()).hasSize(1);

        clock.advance(Duration.ofDays(2));

        assertThat(service.list(query("ws_short")).items()).isEmpty();
    }

    @Test
    void aQueryThatCannotMatchIsA400NamingTheField() {
        Instant now = clock.instant();
        assertField(() -> service.list(new EventQuery("ws_a", Set.of(), null, null, null, now, now.minusSeconds(1), null, 10)), "from");
        assertField(() -> service.list(new EventQuery("ws_a", Set.of(), null, null, "no spaces", null, null, null, 10)), "campaignId");
        assertField(() -> service.list(new EventQuery("ws_a", Set.of(), "s".repeat(257), null, null, null, null, null, 10)), "subject");
        assertField(() -> service.list(new EventQuery("ws_a", Set.of(), null, "r".repeat(321), null, null, null, null, 10)), "recipient");
        assertField(() -> EventQuery.types("message.delivered,message.exploded"), "type");
        assertThat(EventQuery.types("message.delivered, message.bounced"))
                .containsExactlyInAnyOrder(EventType.MESSAGE_DELIVERED, EventType.MESSAGE_BOUNCED);
    }

    private static void assertField(Runnable call, String field) {
        assertThatThrownBy(call::run).isInstanceOfSatisfying(ApiProblem.class, p -> {
            assertThat(p.status()).isEqualTo(400);
            assertThat(p.extensions()).containsEntry("field", field);
        });
    }

    private static EventQuery query(String workspaceId) {
        return new EventQuery(workspaceId, Set.of(), null, null, null, null, null, null, 50);
    }

    static PlatformEvent event(String workspaceId, String id, Instant time, EventType type) {
        return PlatformEvent.builder(type).id(id).source("/penguinmails/test").time(time).subject("msg_1").workspaceId(workspaceId)
                .data(Json.MAPPER.createObjectNode().put("messageId", "msg_1").put("recipient", "Ada@Example.org")).build();
    }
}
