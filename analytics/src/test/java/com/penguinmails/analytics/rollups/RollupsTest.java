package com.penguinmails.analytics.rollups;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.node.ObjectNode;
import com.penguinmails.analytics.Counts;
import com.penguinmails.analytics.Dimension;
import com.penguinmails.analytics.Granularity;
import com.penguinmails.analytics.Metric;
import com.penguinmails.analytics.RollupQuery;
import com.penguinmails.analytics.RollupRow;
import com.penguinmails.analytics.wiring.RollupWiring;
import com.penguinmails.core.events.EventType;
import com.penguinmails.core.events.PlatformEvent;
import com.penguinmails.core.platform.Json;
import com.penguinmails.core.platform.Platform;
import com.penguinmails.core.testing.TestClock;
import com.penguinmails.core.testing.TestPlatforms;
import com.penguinmails.embedded.EmbeddedDynamoDbExtension;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Collectors;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** The aggregator, the fold and the reader over DynamoDB's wire protocol (dynalite). */
class RollupsTest {

    @RegisterExtension
    static final EmbeddedDynamoDbExtension DYNAMO = new EmbeddedDynamoDbExtension();

    private static final String WS = "ws_Rollups000000000001";
    private static final String OTHER_WS = "ws_Rollups000000000002";

    private final TestClock clock = new TestClock(Instant.parse("2026-03-10T09:20:00Z"));
    private PackStore packs;
    private CounterStore counters;
    private RollupAggregator aggregator;
    private RollupFold fold;
    private RollupQueryService reader;

    @BeforeEach
    void wire() {
        Platform platform = TestPlatforms.withAllTables(DYNAMO, clock, Map.of());
        packs = RollupWiring.packs(platform);
        counters = RollupWiring.counters(platform);
        aggregator = new RollupAggregator(packs, clock);
        fold = new RollupFold(packs, counters, clock);
        reader = new RollupQueryService(counters);
    }

    @Test
    void eachEventCountsOnceByCampaignProviderAndTagAndMachineOpensApart() {
        Instant now = clock.instant();
        List<PlatformEvent> batch = List.of(
                message(EventType.MESSAGE_SENT, "e1", now, "cmp_a", "ann@gmail.com", Map.of()),
                message(EventType.MESSAGE_SENT, "e2", now, "cmp_a", "bob@outlook.com", Map.of()),
                message(EventType.MESSAGE_SENT, "e3", now, "cmp_b", "cy@example.org", Map.of()),
                message(EventType.MESSAGE_DELIVERED, "e4", now, "cmp_a", "ann@gmail.com", Map.of()),
                message(EventType.MESSAGE_OPENED, "e5", now, "cmp_a", "ann@gmail.com", Map.of("unique", true)),
                message(EventType.MESSAGE_OPENED, "e6", now, "cmp_a", "ann@gmail.com", Map.of("unique", false)),
                message(EventType.MESSAGE_OPENED, "e7", now, "cmp_a", "ann@gmail.com", Map.of("machine", true)),
                message(EventType.MESSAGE_BOUNCED, "e8", now, "cmp_b", "cy@example.org", Map.of("bounceType", "hard")),
                apiKeyEvent("e9", now));

        assertThat(aggregator.record(batch)).as("the key event counts nothing").isEqualTo(8);
        foldUpToNow();

        Counts totals = total(query(List.of(), Map.of()));
        assertThat(totals.get(Metric.SENT)).isEqualTo(3);
        assertThat(totals.get(Metric.OPENED)).isEqualTo(2);
        assertThat(totals.get(Metric.UNIQUE_OPENED)).isEqualTo(1);
        assertThat(totals.get(Metric.MACHINE_OPENED)).isEqualTo(1);
        assertThat(totals.get(Metric.BOUNCED_HARD)).isEqualTo(1);

        Map<String, Long> sentByCampaign = byGroup(query(List.of(Dimension.CAMPAIGN), Map.of()), Dimension.CAMPAIGN, Metric.SENT);
        assertThat(sentByCampaign).containsExactlyInAnyOrderEntriesOf(Map.of("cmp_a", 2L, "cmp_b", 1L));
        Map<String, Long> sentByProvider = byGroup(query(List.of(Dimension.PROVIDER), Map.of(Dimension.CAMPAIGN, "cmp_a")),
                Dimension.PROVIDER, Metric.SENT);
        assertThat(sentByProvider).containsExactlyInAnyOrderEntriesOf(Map.of("gmail", 1L, "microsoft", 1L));
        assertThat(byGroup(query(List.of(Dimension.TAG), Map.of()), Dimension.TAG, Metric.SENT))
                .as("every email has both tags").containsExactlyInAnyOrderEntriesOf(Map.of("spring", 3L, "promo", 3L));
        assertThat(byGroup(query(List.of(Dimension.SEND_HOUR), Map.of()), Dimension.SEND_HOUR, Metric.SENT))
                .containsExactly(Map.entry("09", 3L));
    }

    @Test
    void aRedeliveredBatchAndAnEventInTwoBatchesChangeNothing() {
        Instant now = clock.instant();
        List<PlatformEvent> batch = List.of(message(EventType.MESSAGE_SENT, "r1", now, "cmp_a", "a@gmail.com", Map.of()),
                message(EventType.MESSAGE_SENT, "r2", now, "cmp_a", "b@gmail.com", Map.of()));
        aggregator.record(batch);
        clock.advance(Duration.ofSeconds(5));
        aggregator.record(batch);
        foldUpToNow();
        clock.advance(Duration.ofMinutes(3));
        aggregator.record(List.of(batch.get(0), message(EventType.MESSAGE_SENT, "r3", clock.instant(), "cmp_a", "c@gmail.com", Map.of())));
        RollupFold.Result second = foldUpToNow();

        assertThat(second.duplicates()).as("r1 again, a window later").isEqualTo(1);
        assertThat(total(query(List.of(), Map.of())).get(Metric.SENT)).isEqualTo(3);
    }

    @Test
    void aFoldStoppedMidwayResumesItsWindowAndCountsEachEventOnce() {
        Instant now = clock.instant();
        List<PlatformEvent> batch = new ArrayList<>();
        for (int i = 0; i < 40; i++) {
            batch.add(message(EventType.MESSAGE_DELIVERED, "p" + i, now, "cmp_" + (i % 4), "r" + i + "@yahoo.com", Map.of()));
        }
        aggregator.record(batch);
        clock.advance(Duration.ofSeconds(61));
        AtomicInteger writes = new AtomicInteger();
        RollupFold failing = new RollupFold(packs, new FailingAfter(counters, 5, writes), clock);
        assertThatThrownBy(() -> failing.run(Duration.ofSeconds(30), p -> { })).hasMessageContaining("stopped");
        assertThat(writes.get()).as("some parts were written before it stopped").isEqualTo(5);

        RollupFold.Result resumed = fold.run(Duration.ofSeconds(30), p -> { });

        assertThat(resumed.ran()).isTrue();
        assertThat(total(query(List.of(), Map.of())).get(Metric.DELIVERED)).isEqualTo(40);
        assertThat(byGroup(query(List.of(Dimension.CAMPAIGN), Map.of()), Dimension.CAMPAIGN, Metric.DELIVERED).values())
                .containsOnly(10L).hasSize(4);
        assertThat(byGroup(query(List.of(Dimension.PROVIDER), Map.of()), Dimension.PROVIDER, Metric.DELIVERED))
                .containsExactly(Map.entry("yahoo", 40L));
    }

    @Test
    void aLateEventLandsInTheHourItHappenedAndDaysFollowTheAskedZone() {
        Instant now = clock.instant();
        Instant threeHoursAgo = now.minus(3, ChronoUnit.HOURS);
        aggregator.record(List.of(message(EventType.MESSAGE_COMPLAINED, "l1", threeHoursAgo, "cmp_a", "a@gmail.com", Map.of()),
                message(EventType.MESSAGE_COMPLAINED, "l2", now, "cmp_a", "a@gmail.com", Map.of())));
        foldUpToNow();

        List<RollupRow> hours = reader.read(new RollupQuery(WS, now.minus(1, ChronoUnit.DAYS), now.plus(1, ChronoUnit.HOURS),
                Granularity.HOUR, List.of(), Map.of()));
        assertThat(hours).extracting(RollupRow::start).containsExactly(threeHoursAgo.truncatedTo(ChronoUnit.HOURS), now.truncatedTo(ChronoUnit.HOURS));

        List<RollupRow> tokyoDays = reader.read(new RollupQuery(WS, now.minus(2, ChronoUnit.DAYS), now.plus(1, ChronoUnit.DAYS),
                Granularity.DAY, List.of(), Map.of(), ZoneId.of("Asia/Tokyo")));
        assertThat(tokyoDays).as("06:20 and 09:20 UTC are both the 10th in Tokyo (UTC+9)").singleElement()
                .satisfies(row -> assertThat(row.start()).isEqualTo(Instant.parse("2026-03-09T15:00:00Z")));
        List<RollupRow> honoluluDays = reader.read(new RollupQuery(WS, now.minus(2, ChronoUnit.DAYS), now.plus(1, ChronoUnit.DAYS),
                Granularity.DAY, List.of(), Map.of(), ZoneId.of("Pacific/Honolulu")));
        assertThat(honoluluDays).as("06:20 UTC is the 9th in Honolulu (UTC-10), 09:20 the 9th too")
                .extracting(RollupRow::start).containsExactly(Instant.parse("2026-03-09T10:00:00Z"));
        assertThat(honoluluDays).extracting(row -> row.counts().get(Metric.COMPLAINED)).containsExactly(2L);
    }

    @Test
    void anotherWorkspaceSeesNothingAndUnkeptCombinationsAreRefused() {
        aggregator.record(List.of(message(EventType.MESSAGE_SENT, "w1", clock.instant(), "cmp_a", "a@gmail.com", Map.of())));
        foldUpToNow();

        assertThat(reader.read(new RollupQuery(OTHER_WS, clock.instant().minus(1, ChronoUnit.DAYS), clock.instant().plus(1, ChronoUnit.HOURS),
                Granularity.DAY, List.of(), Map.of()))).isEmpty();
        assertThatThrownBy(() -> query(List.of(Dimension.TAG, Dimension.PROVIDER), Map.of()))
                .isInstanceOf(UnkeptDimensionsException.class).hasMessageContaining("provider+tag").hasMessageContaining("campaign+provider");
    }

    @Test
    void otherChannelsCountOnlyWhereTheChannelIsNamed() {
        Contribution contribution = new Contribution("c1", WS, clock.instant(), Map.of(Dimension.CHANNEL, List.of("linkedin"),
                Dimension.CAMPAIGN, List.of("cmp_a")), Counts.of(Metric.SENT, 1));
        assertThat(contribution.keysIn(DimensionSet.TOTAL)).isEmpty();
        assertThat(contribution.keysIn(DimensionSet.of(List.of(Dimension.CAMPAIGN)).orElseThrow())).isEmpty();
        assertThat(contribution.keysIn(DimensionSet.of(List.of(Dimension.CHANNEL, Dimension.CAMPAIGN)).orElseThrow()))
                .containsExactly(List.of("cmp_a", "linkedin"));
    }

    private RollupFold.Result foldUpToNow() {
        clock.advance(Duration.ofSeconds(61));
        RollupFold.Result result = fold.run(Duration.ofSeconds(30), p -> { });
        assertThat(result.ran()).isTrue();
        return result;
    }

    private List<RollupRow> query(List<Dimension> groupBy, Map<Dimension, String> filters) {
        Instant now = clock.instant();
        return reader.read(new RollupQuery(WS, now.minus(7, ChronoUnit.DAYS), now.plus(1, ChronoUnit.HOURS), Granularity.DAY, groupBy, filters));
    }

    private static Counts total(List<RollupRow> rows) {
        return rows.stream().map(RollupRow::counts).reduce(Counts.ZERO, Counts::plus);
    }

    private static Map<String, Long> byGroup(List<RollupRow> rows, Dimension dimension, Metric metric) {
        return rows.stream().collect(Collectors.groupingBy(row -> row.group().get(dimension), Collectors.summingLong(row -> row.counts().get(metric))));
    }

    private static PlatformEvent message(EventType type, String id, Instant time, String campaign, String recipient, Map<String, Object> extra) {
        ObjectNode data = Json.MAPPER.createObjectNode().put("messageId", "msg_" + id).put("recipient", recipient).put("campaignId", campaign)
                .put("resourceId", "ip_203000113001").put("sendingDomain", "coldco.test").put("sentAt", time.toString());
        data.putArray("tags").add("spring").add("promo");
        extra.forEach((name, value) -> data.set(name, Json.MAPPER.valueToTree(value)));
        return PlatformEvent.builder(type).id(id).source("/test").time(time).workspaceId(WS).subject("msg_" + id).data(data).build();
    }

    private static PlatformEvent apiKeyEvent(String id, Instant time) {
        return PlatformEvent.builder(EventType.API_KEY_ROTATED).id(id).source("/test").time(time).workspaceId(WS)
                .data(Json.MAPPER.createObjectNode().put("keyId", "key_1")).build();
    }

    /** The counters, failing every part write after the first {@code allowed}: a fold stopped midway. */
    private record FailingAfter(CounterStore delegate, int allowed, AtomicInteger writes) implements CounterStore {
        @Override
        public List<HourPart> parts(String workspaceId, DimensionSet set, Instant hour) {
            return delegate.parts(workspaceId, set, hour);
        }

        @Override
        public List<HourPart> parts(String workspaceId, DimensionSet set, Instant fromHour, Instant toHour) {
            return delegate.parts(workspaceId, set, fromHour, toHour);
        }

        @Override
        public boolean writePart(HourPart next) {
            if (writes.get() >= allowed) {
                throw new IllegalStateException("stopped: the function timed out");
            }
            writes.incrementAndGet();
            return delegate.writePart(next);
        }
    }
}
