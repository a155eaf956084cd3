package com.penguinmails.sending.delivery;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.penguinmails.core.testing.TestClock;
import com.penguinmails.sending.ips.IpService;
import com.penguinmails.sending.ledger.DailyCounts;
import com.penguinmails.sending.ledger.DeliveryCounts;
import com.penguinmails.sending.ledger.SendLedger;
import com.penguinmails.sending.messages.Message;
import com.penguinmails.sending.messages.MessageStatus;
import com.penguinmails.sending.messages.MessageStore;
import com.penguinmails.sending.reputation.ReputationPolicy;
import com.penguinmails.sending.suppressions.SuppressionService;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Counts stay exact when an ingest stops anywhere and its batch comes back (SQS redelivers a failed batch), and
 * when another copy of the batch runs alongside or after it: each test stops or races one ingest at one point, redelivers the batch,
 * checks the exact totals on the IP's and the domain's rows, and that a further redelivery changes nothing. Run on
 * in-memory stores and on DynamoDB (dynalite) by the subclasses.
 */
abstract class ExactCountsContract {

    static final String WS = "ws_Ex4ctC0unts0000000001";
    static final String IP = "ip_ExactCounts01";
    static final String DOMAIN_ROW = "domain:acme.test";
    static final LocalDate DAY = LocalDate.parse("2026-11-20");
    static final Instant AT = Instant.parse("2026-11-20T10:00:00Z");

    /** Two deliveries, an open, a hard bounce and a click (which counts nothing) on three messages. */
    static final List<DeliveryEvent> BATCH = List.of(
            event("ev-1", DeliveryEvent.Type.DELIVERY, "msg_0mh1qk2x4fExact00001"),
            event("ev-2", DeliveryEvent.Type.OPEN, "msg_0mh1qk2x4fExact00001"),
            event("ev-3", DeliveryEvent.Type.DELIVERY, "msg_0mh1qk2x4fExact00002"),
            event("ev-4", DeliveryEvent.Type.CLICK, "msg_0mh1qk2x4fExact00002"),
            event("ev-5", DeliveryEvent.Type.HARD_BOUNCE, "msg_0mh1qk2x4fExact00003"));
    static final DeliveryCounts EXPECTED = new DeliveryCounts(0, 2, 1, 0, 0, 0, 1, 0);

    final TestClock clock = new TestClock(Instant.parse("2026-11-20T12:00:00Z"));
    private final AtomicInteger attempts = new AtomicInteger();
    MessageStore messages;
    SendLedger ledger;

    abstract MessageStore newMessageStore();

    abstract SendLedger newLedger();

    abstract SuppressionService suppressions();

    abstract IpService ips();

    @BeforeEach
    void createMessages() {
        messages = newMessageStore();
        ledger = newLedger();
        for (String id : List.of("msg_0mh1qk2x4fExact00001", "msg_0mh1qk2x4fExact00002", "msg_0mh1qk2x4fExact00003")) {
            messages.create(new Message(id, WS, "cnt_1", "ann@example.org", Map.of(), null, List.of(), "pool_1", null, null,
                    MessageStatus.SENT, List.of(), 1, IP, "<" + id + "@acme.test>", AT));
        }
    }

    EventIngestService ingest(MessageStore store, SendLedger rows) {
        return new EventIngestService(store, suppressions(), rows, ips(), null, clock, ReputationPolicy.defaults(),
                () -> "attempt-" + attempts.incrementAndGet());
    }

    @Test
    void aBatchTwiceIsCountedOnce() {
        assertThat(ingest(messages, ledger).ingest(BATCH).applied()).isEqualTo(5);
        assertThat(ingest(messages, ledger).ingest(BATCH).duplicates()).isEqualTo(5);

        assertExactAndSettled();
    }

    @Test
    void oneEventIdOnTwoMessagesIsTwoEvents() {
        // Event ids are unique per message, not always across messages (SES samples, say, reuse theirs).
        List<DeliveryEvent> sameId = List.of(event("ev-same", DeliveryEvent.Type.COMPLAINT, "msg_0mh1qk2x4fExact00001"),
                event("ev-same", DeliveryEvent.Type.COMPLAINT, "msg_0mh1qk2x4fExact00002"));

        assertThat(ingest(messages, ledger).ingest(sameId).applied()).isEqualTo(2);
        ingest(messages, ledger).ingest(sameId.subList(1, 2));

        assertThat(total(IP).complaints()).isEqualTo(2);
        assertThat(total(DOMAIN_ROW).complaints()).isEqualTo(2);
    }

    @Test
    void stoppingAfterEventsAreAppliedAndBeforeTheirCountsAreWritten() {
        // The first ledger write fails; in the order before this fix the events were applied by then.
        FailingLedger failing = new FailingLedger(ledger, "write", 1);
        assertThatThrownBy(() -> ingest(messages, failing).ingest(BATCH)).isInstanceOf(Injected.class);

        redeliverTwiceAndAssertExact();
    }

    @Test
    void stoppingAfterTheFirstEventIsAppliedAndTheOthersAreNot() {
        FailingMessages failing = new FailingMessages(messages, 2);
        assertThatThrownBy(() -> ingest(failing, ledger).ingest(BATCH)).isInstanceOf(Injected.class);
        assertThat(messages.find(WS, "msg_0mh1qk2x4fExact00001").orElseThrow().status()).isEqualTo(MessageStatus.DELIVERED);

        redeliverTwiceAndAssertExact();
    }

    @Test
    void stoppingAfterEveryEventIsAppliedAndBeforeTheMarksAreRemoved() {
        FailingLedger failing = new FailingLedger(ledger, "settle", 1);
        assertThatThrownBy(() -> ingest(messages, failing).ingest(BATCH)).isInstanceOf(Injected.class);

        redeliverTwiceAndAssertExact();
    }

    @Test
    void aCopyRunningAlongsideBetweenTheCountsAndTheCommitsOfTheOther() {
        // The first copy has added its counts and marks; before its first commit, a second copy runs from start to end.
        MessageStore interleaved = new ForwardingMessageStore(messages) {
            private boolean otherCopyRan;

            @Override
            public Optional<Message> applyEvent(String workspaceId, String messageId, String eventId, MessageStatus status, String detail,
                                      Instant at, List<String> marks) {
                if (!otherCopyRan) {
                    otherCopyRan = true;
                    assertThat(ingest(messages, ledger).ingest(BATCH).applied()).isEqualTo(5);
                }
                return super.applyEvent(workspaceId, messageId, eventId, status, detail, at, marks);
            }
        };

        assertThat(ingest(interleaved, ledger).ingest(BATCH).applied()).isZero();

        assertExactAndSettled();
        redeliverTwiceAndAssertExact();
    }

    @Test
    void aCopyThatCameAfterTheCommitAndStoppedBeforeItsOwnIsTakenBackOnRedelivery() {
        ingest(messages, ledger).ingest(BATCH);
        // A second copy (SQS delivers at least once) adds its counts, then stops before it learns the events were applied.
        assertThatThrownBy(() -> ingest(new FailingMessages(messages, 1), ledger).ingest(BATCH)).isInstanceOf(Injected.class);
        assertThat(total(IP).delivered()).as("the stopped copy's counts are in the rows for now").isEqualTo(4);

        redeliverTwiceAndAssertExact();
    }

    private void redeliverTwiceAndAssertExact() {
        ingest(messages, ledger).ingest(BATCH);
        assertExactAndSettled();
        EventIngestService.Summary again = ingest(messages, ledger).ingest(BATCH);
        assertThat(again.applied()).isZero();
        assertExactAndSettled();
        assertThat(messages.find(WS, "msg_0mh1qk2x4fExact00003").orElseThrow().status()).isEqualTo(MessageStatus.BOUNCED);
        assertThat(messages.find(WS, "msg_0mh1qk2x4fExact00003").orElseThrow().timeline()).as("applied once").hasSize(1);
    }

    private void assertExactAndSettled() {
        assertThat(total(IP)).isEqualTo(EXPECTED);
        assertThat(total(DOMAIN_ROW)).isEqualTo(EXPECTED);
        for (DeliveryEvent event : BATCH) {
            String key = EventIngestService.countKey(event);
            assertThat(ledger.pendingAttempt(IP, DAY, key)).as("no mark left for " + key).isEmpty();
            assertThat(ledger.pendingAttempt(DOMAIN_ROW, DAY, key)).isEmpty();
        }
    }

    private DeliveryCounts total(String row) {
        return ledger.history(row, DAY, DAY).stream().map(DailyCounts::counts).reduce(DeliveryCounts.ZERO, DeliveryCounts::plus);
    }

    private static DeliveryEvent event(String id, DeliveryEvent.Type type, String messageId) {
        return new DeliveryEvent(id, type, WS, messageId, IP, "acme.test", null, AT, type.name().toLowerCase(java.util.Locale.ROOT));
    }

    /** What the wrappers throw. */
    static final class Injected extends RuntimeException {
        Injected(String where) {
            super("injected failure: " + where);
        }
    }

    /** Throws once, on the {@code nth} write ("write": any of them) or the {@code nth} settle. */
    static final class FailingLedger implements SendLedger {
        private final SendLedger delegate;
        private final String on;
        private int countdown;

        FailingLedger(SendLedger delegate, String on, int nth) {
            this.delegate = delegate;
            this.on = on;
            this.countdown = nth;
        }

        private void maybeFail(String method) {
            if ((on.equals("write") || on.equals(method)) && --countdown == 0) {
                throw new Injected(method);
            }
        }

        @Override
        public boolean reserve(String resourceId, LocalDate day, long cap) {
            return delegate.reserve(resourceId, day, cap);
        }

        @Override
        public void unreserve(String resourceId, LocalDate day) {
            delegate.unreserve(resourceId, day);
        }

        @Override
        public long reserveUpTo(String resourceId, LocalDate day, long cap, long wanted) {
            return delegate.reserveUpTo(resourceId, day, cap, wanted);
        }

        @Override
        public void giveBack(String resourceId, LocalDate day, long units) {
            delegate.giveBack(resourceId, day, units);
        }

        @Override
        public void record(String resourceId, LocalDate day, DeliveryCounts delta) {
            maybeFail("record");
            delegate.record(resourceId, day, delta);
        }

        @Override
        public Map<String, String> addPending(String resourceId, LocalDate day, Map<String, DeliveryCounts> byEvent, String attempt) {
            maybeFail("addPending");
            return delegate.addPending(resourceId, day, byEvent, attempt);
        }

        @Override
        public Optional<String> pendingAttempt(String resourceId, LocalDate day, String eventId) {
            return delegate.pendingAttempt(resourceId, day, eventId);
        }

        @Override
        public void settle(String resourceId, LocalDate day, Map<String, String> attemptByEvent) {
            maybeFail("settle");
            delegate.settle(resourceId, day, attemptByEvent);
        }

        @Override
        public void takeBack(String resourceId, LocalDate day, String eventId, String attempt, DeliveryCounts delta) {
            maybeFail("takeBack");
            delegate.takeBack(resourceId, day, eventId, attempt, delta);
        }

        @Override
        public List<DailyCounts> history(String resourceId, LocalDate from, LocalDate to) {
            return delegate.history(resourceId, from, to);
        }
    }

    /** Passes everything on; its {@code nth} applyEvent throws instead of writing. */
    static class FailingMessages extends ForwardingMessageStore {
        private int countdown;

        FailingMessages(MessageStore delegate, int nth) {
            super(delegate);
            this.countdown = nth;
        }

        @Override
        public Optional<Message> applyEvent(String workspaceId, String messageId, String eventId, MessageStatus status, String detail, Instant at,
                                  List<String> marks) {
            if (--countdown == 0) {
                throw new Injected("applyEvent");
            }
            return super.applyEvent(workspaceId, messageId, eventId, status, detail, at, marks);
        }
    }
}
