package com.penguinmails.analytics.funnel;

import static com.penguinmails.analytics.funnel.FunnelEvents.channel;
import static com.penguinmails.analytics.funnel.FunnelEvents.message;
import static org.assertj.core.api.Assertions.assertThat;

import com.penguinmails.core.events.EventType;
import com.penguinmails.core.events.PlatformEvent;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

class FunnelWriterTest {

    private static final String WS = "ws_Funne1Writer00000000001";
    private static final Instant T0 = Instant.parse("2026-11-20T09:00:00Z");

    private final InMemoryFunnelStore store = new InMemoryFunnelStore();
    private final FunnelWriter writer = new FunnelWriter(store);
    private final FunnelService reader = new FunnelService(store);

    private static Instant at(int minutes) {
        return T0.plus(Duration.ofMinutes(minutes));
    }

    private List<PlatformEvent> twoChannels() {
        return List.of(
                message(WS, "cmp_1", EventType.MESSAGE_SENT, "ann@example.org", at(0), false),
                message(WS, "cmp_1", EventType.MESSAGE_DELIVERED, "ann@example.org", at(1), false),
                message(WS, "cmp_1", EventType.MESSAGE_OPENED, "ann@example.org", at(5), false),
                channel(WS, "cmp_1", "linkedin", "connected", "ann@example.org", at(30)),
                channel(WS, "cmp_1", "linkedin", "replied", "ann@example.org", at(60)),
                message(WS, "cmp_1", EventType.MESSAGE_SENT, "bob@example.org", at(0), false),
                message(WS, "cmp_1", EventType.MESSAGE_OPENED, "bob@example.org", at(2), true),
                channel(WS, "cmp_1", "call", "meeting-booked", "crm:77", at(90)),
                channel(WS, "cmp_1", "linkedin", "sent", "cara@example.org", at(10)),
                message(WS, null, EventType.MESSAGE_SENT, "nocampaign@example.org", at(0), false),
                message(WS, "cmp_1", EventType.MESSAGE_BOUNCED, "dan@example.org", at(0), false),
                channel(WS, "cmp_1", "linkedin", "profile-viewed", "eve@example.org", at(0)));
    }

    @Test
    void stagesAcrossChannelsMakeOneFunnelWithEachStagesConversion() {
        FunnelWriter.Outcome outcome = writer.record(twoChannels());

        // ann (email + linkedin), bob, crm:77, cara: one write each, whatever the number of their events.
        assertThat(outcome.writes()).isEqualTo(4);
        assertThat(outcome.failed()).isEmpty();
        FunnelReport report = reader.funnel(WS, "cmp_1", null, 50);
        assertThat(report.totals()).isEqualTo(FunnelCounts.of(4, 2, 2, 1));
        assertThat(report.totals().conversion().engagedFromReached()).isEqualTo(0.5);
        assertThat(report.totals().conversion().meetingFromReached()).isEqualTo(0.25);
        assertThat(report.byChannel()).containsOnlyKeys("email", "linkedin", "call");
        // bob's open was a privacy proxy's: reached, not engaged.
        assertThat(report.byChannel().get("email")).isEqualTo(FunnelCounts.of(2, 1, 0, 0));
        assertThat(report.byChannel().get("linkedin")).isEqualTo(FunnelCounts.of(2, 1, 1, 0));
        FunnelContact ann = report.contacts().items().get(0);
        assertThat(ann.contact()).isEqualTo("ann@example.org");
        assertThat(ann.stage()).contains(FunnelStage.REPLIED);
        assertThat(ann.firstAt(FunnelStage.REACHED)).contains(at(0));
        assertThat(ann.firstAt(FunnelStage.ENGAGED)).contains(at(5));
        assertThat(ann.firstAt(FunnelStage.REPLIED)).contains(at(60));
        // A meeting implies the stages before it, at its time.
        FunnelContact crm = report.contacts().items().stream().filter(c -> c.contact().equals("crm:77")).findFirst().orElseThrow();
        assertThat(crm.firstAt(FunnelStage.REACHED)).contains(at(90));
    }

    @Test
    void aRedeliveredBatchWritesNothingAndChangesNothing() {
        writer.record(twoChannels());
        FunnelReport before = reader.funnel(WS, "cmp_1", null, 50);
        int writes = store.writes;

        FunnelWriter.Outcome again = writer.record(twoChannels());

        assertThat(again.writes()).isZero();
        assertThat(store.writes).isEqualTo(writes);
        assertThat(reader.funnel(WS, "cmp_1", null, 50)).isEqualTo(before);
    }

    @Test
    void theSameEventsInAnyOrderAndAnySplitIntoBatchesEndInTheSameFunnel() {
        writer.record(twoChannels());
        FunnelReport expected = reader.funnel(WS, "cmp_1", null, 50);

        InMemoryFunnelStore other = new InMemoryFunnelStore();
        List<PlatformEvent> shuffled = new ArrayList<>(twoChannels());
        Collections.shuffle(shuffled, new Random(7));
        FunnelWriter otherWriter = new FunnelWriter(other);
        for (PlatformEvent event : shuffled) {
            otherWriter.record(List.of(event));
        }
        FunnelReport report = new FunnelService(other).funnel(WS, "cmp_1", null, 50);

        assertThat(report.totals()).isEqualTo(expected.totals());
        assertThat(report.byChannel()).isEqualTo(expected.byChannel());
        assertThat(report.contacts().items()).extracting(FunnelContact::channels)
                .isEqualTo(expected.contacts().items().stream().map(FunnelContact::channels).toList());
    }

    @Test
    void aStageNeverMovesBackAndALateEarlierEventOnlyMovesTheFirstTime() {
        writer.record(List.of(channel(WS, "cmp_1", "sms", "replied", "ann@example.org", at(60))));
        writer.record(List.of(channel(WS, "cmp_1", "sms", "sent", "ann@example.org", at(10))));

        FunnelContact ann = reader.funnel(WS, "cmp_1", null, 10).contacts().items().get(0);
        assertThat(ann.stage()).contains(FunnelStage.REPLIED);
        assertThat(ann.firstAt(FunnelStage.REACHED)).contains(at(10));
        assertThat(ann.firstAt(FunnelStage.REPLIED)).contains(at(60));
    }

    @Test
    void aWriteThatFindsTheEntryChangedReadsItAgainAndStillLands() {
        store.interferences = 2;

        FunnelWriter.Outcome outcome = writer.record(List.of(channel(WS, "cmp_1", "sms", "replied", "ann@example.org", at(60))));

        assertThat(outcome.failed()).isEmpty();
        assertThat(reader.funnel(WS, "cmp_1", null, 10).totals().replied()).isEqualTo(1);
    }

    @Test
    void anEntryThatKeepsChangingFailsItsEventsForRedelivery() {
        store.interferences = FunnelWriter.ATTEMPTS;
        PlatformEvent reply = channel(WS, "cmp_1", "sms", "replied", "ann@example.org", at(60));

        FunnelWriter.Outcome outcome = writer.record(List.of(reply));

        assertThat(outcome.failed()).containsOnlyKeys(reply.id());
    }

    @Test
    void anUnknownCampaignOrAnotherWorkspaceIsAnEmptyFunnel() {
        writer.record(twoChannels());

        FunnelReport unknown = reader.funnel(WS, "cmp_nope", null, 10);
        FunnelReport other = reader.funnel("ws_Other00000000000000000001", "cmp_1", null, 10);

        for (FunnelReport report : List.of(unknown, other)) {
            assertThat(report.totals()).isEqualTo(FunnelCounts.of(0, 0, 0, 0));
            assertThat(report.totals().conversion().engagedFromReached()).isNull();
            assertThat(report.byChannel()).isEmpty();
            assertThat(report.contacts().items()).isEmpty();
        }
    }

    @Test
    void contactsPageInContactOrder() {
        writer.record(twoChannels());

        FunnelReport first = reader.funnel(WS, "cmp_1", null, 3);
        FunnelReport second = reader.funnel(WS, "cmp_1", first.contacts().nextCursor(), 3);

        assertThat(first.contacts().items()).extracting(FunnelContact::contact).containsExactly("ann@example.org", "bob@example.org", "cara@example.org");
        assertThat(second.contacts().items()).extracting(FunnelContact::contact).containsExactly("crm:77");
        assertThat(second.contacts().nextCursor()).isNull();
    }
}
