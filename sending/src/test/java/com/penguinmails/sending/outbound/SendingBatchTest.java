package com.penguinmails.sending.outbound;

import static org.assertj.core.api.Assertions.assertThat;

import com.penguinmails.sending.ips.DedicatedIp;
import com.penguinmails.sending.ips.IpPool;
import com.penguinmails.sending.messages.Content;
import com.penguinmails.sending.messages.Message;
import com.penguinmails.sending.messages.MessageStatus;
import com.penguinmails.sending.messages.OutboundQueue;
import com.penguinmails.sending.messages.TimelineEntry;
import com.penguinmails.sending.suppressions.Suppression;
import com.penguinmails.sending.testing.CountingSendLedger;
import com.penguinmails.sending.testing.InMemoryWorld;
import com.penguinmails.sending.testing.PinnedRandom;
import com.penguinmails.sending.testing.RecordingTransport;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/**
 * A batch of tickets through {@link SendingService#batch}: the IP's cap is reserved in blocks (one write per batch, not
 * per email), a failed send's unit goes to the next ticket, what is left goes back when the batch closes, and the cap
 * holds when a batch dies midway and when batches run at once. On the in-memory fakes; CapBlocksDynamoDbTest runs
 * the blocks on dynalite.
 */
class SendingBatchTest {

    private static final String WS = InMemoryWorld.WS;
    private static final Instant FRIDAY_10 = Instant.parse("2026-11-20T10:00:00Z");
    private static final LocalDate TODAY = LocalDate.parse("2026-11-20");

    private final InMemoryWorld world = new InMemoryWorld(FRIDAY_10, PinnedRandom.lowest());
    private final CountingSendLedger ledger = new CountingSendLedger(world.ledger);
    private final SendingService sending = world.sending(ledger);
    private int messageCount;

    @Test
    void aBatchReservesItsIpsCapInOneWriteAndGivesBackWhatItDidNotUse() {
        String pool = pool(50);
        List<OutboundQueue.Ticket> tickets = queued(pool, 10);
        world.suppressions.recordEvent(WS, "reader2@example.org", Suppression.Reason.COMPLAINT, "delivery-event");
        world.suppressions.recordEvent(WS, "reader7@example.org", Suppression.Reason.UNSUBSCRIBE, "delivery-event");

        List<SendingService.Outcome> outcomes = sendAll(tickets);

        assertThat(outcomes).filteredOn(o -> o == SendingService.Outcome.SENT).hasSize(8);
        assertThat(outcomes).filteredOn(o -> o == SendingService.Outcome.SUPPRESSED).hasSize(2);
        assertThat(ledger.reservations()).as("one block of 10 for the batch").isEqualTo(1);
        assertThat(ledger.giveBacks()).as("the 2 units of the suppressed, in one write").isEqualTo(1);
        assertThat(sentToday(ipOf(pool))).isEqualTo(8);
    }

    @Test
    void theUnitOfASendThatFailedTransientlyIsUsedByTheNextTicket() {
        String pool = pool(2);
        List<OutboundQueue.Ticket> tickets = queued(pool, 3);
        world.transport.failTransiently("421 4.3.2 try again later");

        List<SendingService.Outcome> outcomes = sendAll(tickets);

        assertThat(outcomes).containsExactly(SendingService.Outcome.RETRYING, SendingService.Outcome.SENT, SendingService.Outcome.SENT);
        assertThat(ledger.reservations()).isEqualTo(1);
        assertThat(ledger.giveBacks()).isZero();
        assertThat(sentToday(ipOf(pool))).isEqualTo(2);
    }

    @Test
    void aPermanentFailuresUnitGoesBackWhenTheBatchCloses() {
        String pool = pool(50);
        List<OutboundQueue.Ticket> tickets = queued(pool, 1);
        world.transport.failPermanently("550 5.1.1 no such user");

        assertThat(sendAll(tickets)).containsExactly(SendingService.Outcome.FAILED);

        assertThat(sentToday(ipOf(pool))).isZero();
    }

    @Test
    void aBatchBiggerThanWhatTheCapLeavesSendsUpToTheCapAndDefersTheRest() {
        String pool = pool(4);
        List<OutboundQueue.Ticket> tickets = queued(pool, 10);

        List<SendingService.Outcome> outcomes = sendAll(tickets);

        assertThat(outcomes.subList(0, 4)).containsOnly(SendingService.Outcome.SENT);
        assertThat(outcomes.subList(4, 10)).containsOnly(SendingService.Outcome.DEFERRED);
        assertThat(world.due.takeDeferred(TODAY.plusDays(1), 20)).hasSize(6);
        assertThat(ledger.reservations()).as("a block of the 4 left, then one write that finds none; no more").isEqualTo(2);
        assertThat(sentToday(ipOf(pool))).isEqualTo(4);
    }

    @Test
    void aBatchThatDiesMidwayNeverLetsTheDayGoOverTheCap() {
        String pool = pool(12);
        List<OutboundQueue.Ticket> first = queued(pool, 10);
        SendingService.Batch dying = sending.batch(10);
        for (OutboundQueue.Ticket ticket : first.subList(0, 3)) {
            assertThat(dying.send(ticket, SendingService.Patience.NONE)).isEqualTo(SendingService.Outcome.SENT);
        }
        // The function dies here: the batch never closes, its 7 unused units stay counted.

        List<SendingService.Outcome> outcomes = sendAll(queued(pool, 10));

        assertThat(outcomes).filteredOn(o -> o == SendingService.Outcome.SENT).hasSize(2);
        assertThat(world.transport.sent()).as("fewer than the cap, by at most the dead batch's size").hasSize(5);
        assertThat(sentToday(ipOf(pool))).isEqualTo(12);
    }

    @Test
    void aBatchOnAPoolOfTwoGoesThroughTheIpItsFirstTicketDrew() {
        DedicatedIp one = world.ips.createIp(world.caller(), "198.51.100.21", null, List.of(50L));
        DedicatedIp two = world.ips.createIp(world.caller(), "198.51.100.22", null, List.of(50L));
        IpPool pool = world.ips.createPool(world.caller(), "spread", List.of(new IpPool.Member(one.id(), 1), new IpPool.Member(two.id(), 1)));

        sendAll(queued(pool.id(), 6));

        assertThat(world.transport.sent().stream().map(s -> s.identity().resourceId()).distinct()).hasSize(1);
        assertThat(ledger.reservations()).isEqualTo(1);
        assertThat(sentToday(one.id()) + sentToday(two.id())).isEqualTo(6);
    }

    @Test
    void batchesRunningAtOnceOnOneIpNeverSendMoreThanItsCapAndGiveBackEveryUnitTheyDoNotSend() throws Exception {
        long cap = 23;
        String pool = pool(cap);
        List<List<OutboundQueue.Ticket>> perThread = new ArrayList<>();
        for (int t = 0; t < 8; t++) {
            perThread.add(queued(pool, 10));
        }
        for (int i = 0; i < 5; i++) {
            world.transport.failTransiently("421 4.3.2 busy");
        }
        ExecutorService threads = Executors.newFixedThreadPool(8);
        List<Future<List<SendingService.Outcome>>> results = new ArrayList<>();
        for (List<OutboundQueue.Ticket> tickets : perThread) {
            // Two batches of 5 per thread, as two SQS batches one after the other.
            results.add(threads.submit(() -> {
                List<SendingService.Outcome> outcomes = new ArrayList<>(sendAll(tickets.subList(0, 5)));
                outcomes.addAll(sendAll(tickets.subList(5, 10)));
                return outcomes;
            }));
        }
        List<SendingService.Outcome> outcomes = new ArrayList<>();
        for (Future<List<SendingService.Outcome>> result : results) {
            outcomes.addAll(result.get(1, TimeUnit.MINUTES));
        }
        threads.shutdown();

        List<RecordingTransport.Sent> sent = world.transport.sent();
        Set<String> distinct = sent.stream().map(s -> s.email().messageIdHeader()).collect(Collectors.toSet());
        assertThat(distinct).as("each message at most once").hasSameSizeAs(sent);
        assertThat(sent.size()).isPositive().isLessThanOrEqualTo((int) cap);
        assertThat(outcomes).filteredOn(o -> o == SendingService.Outcome.SENT).hasSameSizeAs(sent);
        assertThat(sentToday(ipOf(pool))).as("every unit is sent or given back").isEqualTo(sent.size());
    }

    private List<SendingService.Outcome> sendAll(List<OutboundQueue.Ticket> tickets) {
        List<SendingService.Outcome> outcomes = new ArrayList<>();
        try (SendingService.Batch batch = sending.batch(tickets.size())) {
            for (OutboundQueue.Ticket ticket : tickets) {
                outcomes.add(batch.send(ticket, SendingService.Patience.NONE));
            }
        }
        return outcomes;
    }

    private long sentToday(String ipId) {
        return world.ledger.history(ipId, TODAY, TODAY).stream().mapToLong(d -> d.counts().sent()).sum();
    }

    private String pool(long cap) {
        DedicatedIp ip = world.ips.createIp(world.caller(), "198.51.100.10", null, List.of(cap));
        return world.ips.createPool(world.caller(), "main", List.of(new IpPool.Member(ip.id(), 1))).id();
    }

    private String ipOf(String poolId) {
        return world.ipStore.findPool(WS, poolId).orElseThrow().members().get(0).ipId();
    }

    private synchronized List<OutboundQueue.Ticket> queued(String pool, int count) {
        List<OutboundQueue.Ticket> tickets = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            String n = Integer.toString(++messageCount);
            String contentId = "cnt_Batch" + n;
            world.messages.putContent(new Content(contentId, WS, "news@acme.test", null, "Hi", "<p>Hello</p>", null, Map.of(),
                    false, false, "1 Penguin Way"));
            Message message = new Message("msg_0mh1qk2x4fBatch" + "0".repeat(5 - n.length()) + n, WS, contentId,
                    "reader" + n + "@example.org", Map.of(), null, List.of(), pool, null, null, MessageStatus.QUEUED,
                    List.of(new TimelineEntry(MessageStatus.QUEUED, world.clock.instant(), null)), 0, null, null, world.clock.instant());
            world.messages.create(message);
            tickets.add(new OutboundQueue.Ticket(WS, message.id()));
        }
        return tickets;
    }
}
