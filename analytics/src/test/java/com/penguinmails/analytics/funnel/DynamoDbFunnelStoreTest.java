package com.penguinmails.analytics.funnel;

import static com.penguinmails.analytics.funnel.FunnelEvents.channel;
import static com.penguinmails.analytics.funnel.FunnelEvents.message;
import static org.assertj.core.api.Assertions.assertThat;

import com.penguinmails.analytics.wiring.FunnelWiring;
import com.penguinmails.core.events.EventType;
import com.penguinmails.core.events.PlatformEvent;
import com.penguinmails.core.platform.Platform;
import com.penguinmails.core.testing.TestClock;
import com.penguinmails.core.testing.TestPlatforms;
import com.penguinmails.embedded.EmbeddedDynamoDbExtension;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** The funnel table on dynalite: the conditions hold, entries read back as written, pages follow contacts. */
class DynamoDbFunnelStoreTest {

    @RegisterExtension
    static final EmbeddedDynamoDbExtension DYNAMO = new EmbeddedDynamoDbExtension();

    private static final String WS = "ws_Funne1Dynamo00000000001";
    private static final Instant T0 = Instant.parse("2026-11-20T09:00:00Z");

    private FunnelStore store;

    @BeforeEach
    void setUp() {
        Platform platform = TestPlatforms.withAllTables(DYNAMO, new TestClock(T0), Map.of());
        store = FunnelWiring.store(platform);
    }

    @Test
    void anEntryReadsBackAsWrittenAndAStaleVersionIsRefused() {
        FunnelKey key = new FunnelKey(WS, "cmp_1", "ann@example.org");
        FunnelContact ann = FunnelContact.empty(key)
                .with(new FunnelStep("e1", key, "email", FunnelStage.ENGAGED, T0.plusSeconds(60)))
                .with(new FunnelStep("e2", key, "linkedin", FunnelStage.MEETING, T0.plusSeconds(600)));

        assertThat(store.save(ann)).isTrue();
        assertThat(store.save(ann)).as("a second first write").isFalse();
        FunnelContact stored = store.load(List.of(key)).get(key);

        assertThat(stored.version()).isEqualTo(1);
        assertThat(stored.sameProgress(ann)).isTrue();
        assertThat(stored.firstAt(FunnelStage.REACHED)).contains(T0.plusSeconds(60));
        assertThat(store.save(stored)).isTrue();
        assertThat(store.save(stored)).as("a write at a version someone moved past").isFalse();
        assertThat(store.load(List.of(key)).get(key).version()).isEqualTo(2);
    }

    @Test
    void theWriterOnTheTableCountsEachContactOnceAndARedeliveryWritesNothing() {
        List<PlatformEvent> events = new ArrayList<>();
        for (int i = 0; i < 130; i++) {
            String contact = "c" + i + "@example.org";
            events.add(message(WS, "cmp_big", EventType.MESSAGE_SENT, contact, T0, false));
            if (i % 2 == 0) {
                events.add(channel(WS, "cmp_big", "linkedin", "replied", contact, T0.plus(Duration.ofHours(1))));
            }
        }
        FunnelWriter writer = new FunnelWriter(store);

        FunnelWriter.Outcome first = writer.record(events);
        FunnelWriter.Outcome again = writer.record(events);

        assertThat(first.writes()).isEqualTo(130);
        assertThat(first.failed()).isEmpty();
        assertThat(again.writes()).isZero();
        FunnelReport report = new FunnelService(store).funnel(WS, "cmp_big", null, 100);
        assertThat(report.totals()).isEqualTo(FunnelCounts.of(130, 65, 65, 0));
        assertThat(report.contacts().items()).hasSize(100);
        FunnelReport rest = new FunnelService(store).funnel(WS, "cmp_big", report.contacts().nextCursor(), 100);
        assertThat(rest.contacts().items()).hasSize(30);
        assertThat(rest.contacts().nextCursor()).isNull();
        assertThat(new FunnelService(store).funnel("ws_Other00000000000000000001", "cmp_big", null, 10).totals().reached()).isZero();
    }
}
