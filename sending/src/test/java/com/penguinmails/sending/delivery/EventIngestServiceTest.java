package com.penguinmails.sending.delivery;

import static org.assertj.core.api.Assertions.assertThat;

import com.penguinmails.sending.ips.DedicatedIp;
import com.penguinmails.sending.ledger.DailyCounts;
import com.penguinmails.sending.ledger.DeliveryCounts;
import com.penguinmails.sending.messages.Message;
import com.penguinmails.sending.messages.MessageStatus;
import com.penguinmails.sending.suppressions.Suppression;
import com.penguinmails.sending.testing.InMemoryWorld;
import com.penguinmails.sending.testing.PinnedRandom;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * EventIngestService on in-memory fakes: each event moves its message once and counts once on the IP's and the
 * domain's day, a redelivered batch changes nothing, bounces, complaints and unsubscribes suppress (soft bounces
 * after three), an event for a message that does not exist counts nothing, and an IP over the pause line is paused.
 */
class EventIngestServiceTest {

    private static final String WS = InMemoryWorld.WS;
    private static final Instant AT = Instant.parse("2026-11-20T10:00:00Z");
    private static final LocalDate DAY = LocalDate.parse("2026-11-20");

    private final InMemoryWorld world = new InMemoryWorld(AT.plusSeconds(3600), PinnedRandom.lowest());
    private EventIngestService ingest;
    private DedicatedIp ip;

    @BeforeEach
    void setUp() {
        ip = world.ips.createIp(world.caller(), "198.51.100.10", null, List.of(1_000L));
        ingest = world.ingest();
    }

    @Test
    void anEventMovesItsMessageAndCountsOnceOnTheIpAndTheDomainEvenWhenRedelivered() {
        Message message = sentMessage(1);
        List<DeliveryEvent> batch = List.of(event("ev-1", DeliveryEvent.Type.DELIVERY, message), event("ev-2", DeliveryEvent.Type.OPEN, message),
                event("ev-2", DeliveryEvent.Type.OPEN, message), event("ev-0", DeliveryEvent.Type.SEND, message));

        assertThat(ingest.ingest(batch)).isEqualTo(new EventIngestService.Summary(2, 1, List.of(), List.of()));
        assertThat(ingest.ingest(batch)).as("the batch redelivered").isEqualTo(new EventIngestService.Summary(0, 3, List.of(), List.of()));

        assertThat(world.messages.find(WS, message.id()).orElseThrow().status()).isEqualTo(MessageStatus.OPENED);
        DeliveryCounts expected = new DeliveryCounts(0, 1, 0, 0, 0, 0, 1, 0);
        assertThat(counts(ip.id())).isEqualTo(expected);
        assertThat(counts("domain:acme.test")).isEqualTo(expected);
    }

    @Test
    void hardBouncesComplaintsAndUnsubscribesSuppressAtOnceSoftBouncesAfterThree() {
        ingest.ingest(List.of(event("ev-h", DeliveryEvent.Type.HARD_BOUNCE, sentMessage(1), "hard@example.org"),
                event("ev-c", DeliveryEvent.Type.COMPLAINT, sentMessage(2), "complainer@example.org"),
                event("ev-u", DeliveryEvent.Type.UNSUBSCRIBE, sentMessage(3), "leaver@example.org")));

        assertThat(world.suppressions.blocking(WS, "hard@example.org", null)).map(Suppression::reason).hasValue(Suppression.Reason.HARD_BOUNCE);
        assertThat(world.suppressions.blocking(WS, "complainer@example.org", null)).map(Suppression::reason).hasValue(Suppression.Reason.COMPLAINT);
        assertThat(world.suppressions.blocking(WS, "leaver@example.org", null)).map(Suppression::reason).hasValue(Suppression.Reason.UNSUBSCRIBE);

        for (int i = 1; i <= 3; i++) {
            ingest.ingest(List.of(event("ev-s" + i, DeliveryEvent.Type.SOFT_BOUNCE, sentMessage(10 + i), "soft@example.org")));
            assertThat(world.suppressions.blocking(WS, "soft@example.org", null).isPresent()).as("after soft bounce " + i).isEqualTo(i == 3);
        }
        assertThat(ingest.ingest(List.of(event("ev-s3", DeliveryEvent.Type.SOFT_BOUNCE, world.messages.find(WS, messageId(13)).orElseThrow(),
                "soft@example.org")))).as("a redelivered soft bounce").isEqualTo(new EventIngestService.Summary(0, 1, List.of(), List.of()));
    }

    @Test
    void anEventForAMessageThatDoesNotExistCountsNothing() {
        Message ghost = new Message("msg_0mh1qk2x4fGhost00001", WS, "cnt_1", "ada@example.org", Map.of(), null, List.of(), "pool_1", null,
                null, MessageStatus.SENT, List.of(), 1, ip.id(), null, AT);

        assertThat(ingest.ingest(List.of(event("ev-1", DeliveryEvent.Type.DELIVERY, ghost)))).isEqualTo(
                new EventIngestService.Summary(0, 1, List.of(), List.of()));
        assertThat(counts(ip.id())).isEqualTo(DeliveryCounts.ZERO);
        assertThat(counts("domain:acme.test")).isEqualTo(DeliveryCounts.ZERO);
    }

    @Test
    void anIpOverThePauseLineIsPausedWithTheReason() {
        for (int i = 0; i < 200; i++) {
            assertThat(world.ledger.reserve(ip.id(), DAY, 1_000)).isTrue();
        }
        List<DeliveryEvent> bounces = new ArrayList<>();
        for (int i = 1; i <= 20; i++) {
            bounces.add(event("ev-b" + i, DeliveryEvent.Type.HARD_BOUNCE, sentMessage(i), null));
        }

        assertThat(ingest.ingest(bounces).pausedIps()).containsExactly(ip.id());

        DedicatedIp paused = world.ips.getIp(WS, ip.id());
        assertThat(paused.warmup().isPaused()).isTrue();
        assertThat(paused.warmup().pauseReason())
                .isEqualTo("reputation: hard-bounce rate 10 % (20 of 200 sends) over the last 7 days (>= 10 % pauses)");
    }

    private DeliveryCounts counts(String resourceId) {
        return world.ledger.history(resourceId, DAY, DAY).stream().map(DailyCounts::counts)
                .map(c -> new DeliveryCounts(0, c.delivered(), c.hardBounces(), c.softBounces(), c.complaints(), c.deferrals(), c.opens(),
                        c.unsubscribes()))
                .findFirst().orElse(DeliveryCounts.ZERO);
    }

    private static String messageId(int n) {
        return String.format("msg_0mh1qk2x4fIngest%04d", n);
    }

    private Message sentMessage(int n) {
        Message message = new Message(messageId(n), WS, "cnt_1", "ada@example.org", Map.of(), null, List.of(), "pool_1", null, null,
                MessageStatus.SENT, List.of(), 1, ip.id(), "<" + messageId(n) + "@acme.test>", AT);
        world.messages.create(message);
        return message;
    }

    private DeliveryEvent event(String id, DeliveryEvent.Type type, Message message) {
        return event(id, type, message, null);
    }

    private DeliveryEvent event(String id, DeliveryEvent.Type type, Message message, String recipient) {
        return new DeliveryEvent(id, type, WS, message.id(), ip.id(), "acme.test", recipient, AT, type.name().toLowerCase());
    }
}
