package com.penguinmails.sending.ledger;

import static org.assertj.core.api.Assertions.assertThat;

import com.penguinmails.core.testing.TestClock;
import com.penguinmails.core.testing.TestPlatforms;
import com.penguinmails.embedded.EmbeddedDynamoDbExtension;
import com.penguinmails.sending.SendingWiring;
import com.penguinmails.sending.testing.CountingSendLedger;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Block reservations on DynamoDB (dynalite): the ledger's conditional writes that reserve up to N units and give
 * back n, and {@link CapBlocks} on top of them, alone, after a crash and under concurrency.
 */
class CapBlocksDynamoDbTest {

    @RegisterExtension
    static final EmbeddedDynamoDbExtension DYNAMO = new EmbeddedDynamoDbExtension();

    private static final String IP = "ip_CapBlocks000000000001";
    private static final LocalDate DAY = LocalDate.parse("2026-11-20");

    private SendLedger dynamo;
    private CountingSendLedger ledger;

    @BeforeEach
    void ledger() {
        dynamo = SendingWiring.sendLedger(TestPlatforms.withAllTables(DYNAMO, new TestClock(Instant.parse("2026-11-20T10:00:00Z")), Map.of()));
        ledger = new CountingSendLedger(dynamo);
    }

    @Test
    void theLedgerReservesWhatIsAskedWhatIsLeftOrNothing() {
        assertThat(dynamo.reserveUpTo(IP, DAY, 7, 5)).as("a new row").isEqualTo(5);
        assertThat(dynamo.reserveUpTo(IP, DAY, 7, 5)).as("two left").isEqualTo(2);
        assertThat(dynamo.reserveUpTo(IP, DAY, 7, 5)).as("none left").isZero();
        assertThat(sent()).isEqualTo(7);

        dynamo.giveBack(IP, DAY, 3);
        assertThat(sent()).isEqualTo(4);
        dynamo.giveBack(IP, DAY, 9);
        assertThat(sent()).as("more than was reserved is not given back").isEqualTo(4);
        assertThat(dynamo.reserveUpTo(IP, DAY, 7, 50)).isEqualTo(3);
        assertThat(dynamo.reserveUpTo("ip_CapBlocks000000000002", DAY, 7, 50)).as("never more than the cap on a new row").isEqualTo(7);
        assertThat(dynamo.reserveUpTo("ip_CapBlocks000000000003", DAY, 0, 5)).as("a paused IP").isZero();
    }

    @Test
    void aBlockIsOneWriteAndWhatIsLeftGoesBackInOneWhenTheBatchCloses() {
        try (CapBlocks blocks = new CapBlocks(ledger, 10)) {
            for (int i = 0; i < 4; i++) {
                assertThat(blocks.take(IP, DAY, 50)).isTrue();
                blocks.ticketDone();
            }
            assertThat(sent()).as("the block of the whole batch is counted while the batch runs").isEqualTo(10);
            assertThat(blocks.held()).isEqualTo(6);
        }

        assertThat(ledger.reservations()).isEqualTo(1);
        assertThat(ledger.giveBacks()).isEqualTo(1);
        assertThat(sent()).isEqualTo(4);
    }

    @Test
    void aNewBlockIsOnlyAsBigAsTheTicketsLeftAndTheCapAllows() {
        dynamo.reserveUpTo(IP, DAY, 7, 5);
        try (CapBlocks blocks = new CapBlocks(ledger, 10)) {
            List<Boolean> taken = new ArrayList<>();
            for (int i = 0; i < 4; i++) {
                taken.add(blocks.take(IP, DAY, 7));
                blocks.ticketDone();
            }
            assertThat(taken).containsExactly(true, true, false, false);
        }

        assertThat(sent()).isEqualTo(7);
        assertThat(ledger.reservations()).as("a block of 2, then one that finds none; then no more writes in this batch").isEqualTo(2);
        assertThat(ledger.giveBacks()).isZero();
    }

    @Test
    void aUnitOfASendThatFailedIsTakenByTheNextTicketWithoutAWrite() {
        try (CapBlocks blocks = new CapBlocks(ledger, 3)) {
            assertThat(blocks.take(IP, DAY, 50)).isTrue();
            blocks.putBack(IP, DAY); // the transport failed
            blocks.ticketDone();
            for (int i = 0; i < 2; i++) {
                assertThat(blocks.takeHeld(IP, DAY)).isTrue();
                blocks.ticketDone();
            }
            assertThat(blocks.take(IP, DAY, 50)).as("the block of 3 is not used up yet").isTrue();
        }

        assertThat(ledger.reservations()).isEqualTo(1);
        assertThat(ledger.giveBacks()).isZero();
        assertThat(sent()).isEqualTo(3);
    }

    @Test
    void aBatchThatNeverClosesLeavesItsUnitsCountedSoTheDaySendsFewerButNeverMore() {
        CapBlocks crashed = new CapBlocks(ledger, 10);
        for (int i = 0; i < 3; i++) {
            assertThat(crashed.take(IP, DAY, 12)).isTrue();
            crashed.ticketDone();
        }
        // The function dies here: no close, the 7 units it held are never given back.

        int sentLater = 0;
        try (CapBlocks next = new CapBlocks(ledger, 10)) {
            for (int i = 0; i < 10; i++) {
                sentLater += next.take(IP, DAY, 12) ? 1 : 0;
                next.ticketDone();
            }
        }

        assertThat(sentLater).isEqualTo(2);
        assertThat(sent()).isEqualTo(12);
        assertThat(3 + sentLater).as("emails sent: fewer than the cap, by at most the crashed batch's size").isEqualTo(12 - 7);
    }

    @Test
    void concurrentBatchesNeverExceedTheCapAndEveryUnitIsSentOrGivenBack() throws Exception {
        long cap = 57;
        AtomicLong sends = new AtomicLong();
        AtomicLong heldByCrashed = new AtomicLong();
        AtomicBoolean overTheCap = new AtomicBoolean();
        AtomicBoolean running = new AtomicBoolean(true);
        ExecutorService threads = Executors.newFixedThreadPool(9);
        Future<?> watcher = threads.submit(() -> {
            while (running.get()) {
                if (sent() > cap) {
                    overTheCap.set(true);
                }
                Thread.sleep(5);
            }
            return null;
        });
        List<Future<?>> senders = new ArrayList<>();
        for (int t = 0; t < 8; t++) {
            Random random = new Random(t);
            senders.add(threads.submit(() -> {
                int empty = 0;
                for (int batch = 0; empty < 3; batch++) {
                    int tickets = 1 + random.nextInt(10);
                    CapBlocks blocks = new CapBlocks(dynamo, tickets);
                    int taken = 0;
                    for (int i = 0; i < tickets; i++) {
                        if (blocks.take(IP, DAY, cap)) {
                            taken++;
                            if (random.nextInt(5) == 0) {
                                blocks.putBack(IP, DAY); // a transport failure
                            } else {
                                sends.incrementAndGet();
                            }
                        }
                        blocks.ticketDone();
                    }
                    empty = taken == 0 ? empty + 1 : 0;
                    if (batch % 7 == 3) {
                        heldByCrashed.addAndGet(blocks.held()); // dies: never closes
                    } else {
                        blocks.close();
                    }
                }
                return null;
            }));
        }
        for (Future<?> sender : senders) {
            sender.get(2, TimeUnit.MINUTES);
        }
        running.set(false);
        watcher.get(10, TimeUnit.SECONDS);
        threads.shutdown();
        // Units given back by batches that finished after another had found the cap full are used by a last batch.
        try (CapBlocks last = new CapBlocks(dynamo, 100)) {
            while (last.take(IP, DAY, cap)) {
                sends.incrementAndGet();
                last.ticketDone();
            }
        }

        assertThat(overTheCap).as("the day's count never went over the cap").isFalse();
        assertThat(sends.get()).isPositive().isLessThanOrEqualTo(cap);
        assertThat(sent()).as("every unit counted is sent or held by a batch that never closed").isEqualTo(sends.get() + heldByCrashed.get());
        assertThat(sent()).as("and the day is full: nothing counted that is neither").isEqualTo(cap);
    }

    @Test
    void ticketsOfOneBatchTakingUnitsAtOnceShareOneBlock() throws Exception {
        CapBlocks blocks = new CapBlocks(ledger, 40);
        ExecutorService threads = Executors.newFixedThreadPool(8);
        List<Future<Integer>> takers = new ArrayList<>();
        for (int t = 0; t < 8; t++) {
            takers.add(threads.submit(() -> {
                int taken = 0;
                for (int i = 0; i < 5; i++) {
                    taken += blocks.take(IP, DAY, 50) ? 1 : 0;
                    blocks.ticketDone();
                }
                return taken;
            }));
        }
        int taken = 0;
        for (Future<Integer> taker : takers) {
            taken += taker.get(1, TimeUnit.MINUTES);
        }
        threads.shutdown();
        blocks.close();

        assertThat(taken).isEqualTo(40);
        assertThat(ledger.reservations()).as("one block for all 40, not one per thread").isEqualTo(1);
        assertThat(sent()).isEqualTo(40);
    }

    @Test
    void ticketsOfOneBatchStartingAtOnceWithTheirOwnRandomOrderOfAPoolsIpsShareOneBlock() throws Exception {
        List<CapBlocks.Capped> pool = new ArrayList<>();
        for (int i = 0; i < 10; i++) {
            pool.add(new CapBlocks.Capped(IP.substring(0, IP.length() - 2) + String.format("%02d", i), 100));
        }
        CapBlocks blocks = new CapBlocks(ledger, 10);
        ExecutorService threads = Executors.newFixedThreadPool(10);
        java.util.concurrent.CountDownLatch start = new java.util.concurrent.CountDownLatch(1);
        List<Future<String>> tickets = new ArrayList<>();
        for (int t = 0; t < 10; t++) {
            List<CapBlocks.Capped> order = new ArrayList<>(pool);
            java.util.Collections.shuffle(order, new java.util.Random(t));
            tickets.add(threads.submit(() -> {
                start.await();
                try {
                    return blocks.takeFromFirst("pool_1", order, DAY).orElseThrow();
                } finally {
                    blocks.ticketDone();
                }
            }));
        }
        start.countDown();
        java.util.Set<String> used = new java.util.HashSet<>();
        for (Future<String> ticket : tickets) {
            used.add(ticket.get(1, TimeUnit.MINUTES));
        }
        threads.shutdown();
        blocks.close();

        assertThat(ledger.reservations()).as("one block for the batch, not one per ticket's first choice").isEqualTo(1);
        assertThat(used).as("all from that block").hasSize(1);
        assertThat(ledger.giveBacks()).as("nothing left over to give back").isZero();
    }

    private long sent() {
        return dynamo.history(IP, DAY, DAY).stream().mapToLong(d -> d.counts().sent()).sum();
    }
}
