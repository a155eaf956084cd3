package com.penguinmails.identity.audit;

import static org.assertj.core.api.Assertions.assertThat;

import com.penguinmails.core.paging.Page;
import com.penguinmails.core.platform.Platform;
import com.penguinmails.core.testing.TestClock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** What every audit log does; run on DynamoDB and on the in-memory fake by the subclasses. */
abstract class AuditLogContract {

    final TestClock clock = new TestClock(Instant.parse("2026-11-25T10:00:00Z"));
    private AuditLog log;
    private AuditRecorder recorder;

    abstract AuditLog newLog();

    @BeforeEach
    void setUp() {
        log = newLog();
        recorder = new AuditRecorder(log, clock);
    }

    @Test
    void query_filtersByTimeActorAndActionNewestFirst() {
        recorder.record("ws_1", "apikey:a", "api-key.created", "key_1", "10.0.0.1", "success", Map.of());
        clock.advance(Duration.ofMinutes(1));
        Instant middle = clock.instant();
        recorder.record("ws_1", "apikey:b", "api-key.revoked", "key_1", "10.0.0.1", "success", Map.of());
        clock.advance(Duration.ofMinutes(1));
        recorder.record("ws_1", "apikey:a", "api-key.revoked", "key_2", "10.0.0.1", "success", Map.of("why", "leaked"));
        recorder.record("ws_2", "apikey:a", "api-key.revoked", "key_9", "10.0.0.1", "success", Map.of());

        assertThat(query(new AuditQuery("ws_1", null, null, null, null, null, 50)))
                .extracting(AuditEvent::target).containsExactly("key_2", "key_1", "key_1");
        assertThat(query(new AuditQuery("ws_1", middle, null, null, null, null, 50))).hasSize(2);
        assertThat(query(new AuditQuery("ws_1", null, middle, null, null, null, 50))).hasSize(2);
        assertThat(query(new AuditQuery("ws_1", null, null, "apikey:a", null, null, 50))).hasSize(2);
        assertThat(query(new AuditQuery("ws_1", null, null, "apikey:a", "api-key.revoked", null, 50)))
                .singleElement().satisfies(e -> assertThat(e.details()).containsEntry("why", "leaked"));
    }

    @Test
    void query_pagesWithACursorEvenWhenFiltersSkipItems() {
        for (int i = 0; i < 25; i++) {
            recorder.record("ws_1", i % 2 == 0 ? "apikey:even" : "apikey:odd", "auth.failed", "t" + i, null, "unknown", Map.of());
            clock.advance(Duration.ofSeconds(1));
        }
        List<String> targets = new ArrayList<>();
        String cursor = null;
        do {
            Page<AuditEvent> page = log.query(new AuditQuery("ws_1", null, null, "apikey:even", null, cursor, 4));
            assertThat(page.items().size()).isLessThanOrEqualTo(4);
            page.items().forEach(e -> targets.add(e.target()));
            cursor = page.nextCursor();
        } while (cursor != null);
        assertThat(targets).hasSize(13).doesNotHaveDuplicates().allMatch(t -> Integer.parseInt(t.substring(1)) % 2 == 0);
    }

    @Test
    void append_isIdempotentForARedeliveredEvent() {
        AuditEvent event = new AuditEvent("evt_1", "ws_1", clock.instant(), "anonymous", "auth.failed", "GET /v1/api-keys",
                "10.0.0.1", "missing", Map.of());
        log.append(event);
        log.append(event);
        assertThat(query(new AuditQuery("ws_1", null, null, null, null, null, 50))).containsExactly(event);
    }

    private List<AuditEvent> query(AuditQuery query) {
        return log.query(query).items();
    }
}
