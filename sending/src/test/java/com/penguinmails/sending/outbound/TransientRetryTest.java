package com.penguinmails.sending.outbound;

import static org.assertj.core.api.Assertions.assertThat;

import com.penguinmails.core.auth.Principal;
import com.penguinmails.core.platform.Platform;
import com.penguinmails.core.testing.TestClock;
import com.penguinmails.core.testing.TestPlatforms;
import com.penguinmails.embedded.EmbeddedDynamoDbExtension;
import com.penguinmails.identity.audit.Caller;
import com.penguinmails.sending.SendingWiring;
import com.penguinmails.sending.ips.DedicatedIp;
import com.penguinmails.sending.ips.IpPool;
import com.penguinmails.sending.ips.IpService;
import com.penguinmails.sending.ips.PoolProvisioner;
import com.penguinmails.sending.ledger.DailyCounts;
import com.penguinmails.sending.ledger.SendLedger;
import com.penguinmails.sending.mail.MailTransport;
import com.penguinmails.sending.mail.OutgoingEmail;
import com.penguinmails.sending.messages.Content;
import com.penguinmails.sending.messages.DueMessages;
import com.penguinmails.sending.messages.Message;
import com.penguinmails.sending.messages.MessageStatus;
import com.penguinmails.sending.messages.MessageStore;
import com.penguinmails.sending.messages.OutboundQueue;
import com.penguinmails.sending.messages.TimelineEntry;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.random.RandomGenerator;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * A transport that fails transiently: each failed try gives the cap unit back, is on the timeline with the next
 * try's time, and is scheduled after a full-jitter exponential wait (drawn from a controlled random source); after
 * the last try the message is FAILED with the reason; a try that succeeds sends once, and a duplicate ticket then
 * sends nothing. Stores on DynamoDB (dynalite); the transport and the randomness are test doubles.
 */
class TransientRetryTest {

    @RegisterExtension
    static final EmbeddedDynamoDbExtension DYNAMO = new EmbeddedDynamoDbExtension();

    private static final String WS = "ws_R3tryT3st0000000000001";
    private static final String MESSAGE = "msg_0mh1qk2x4fRetry00001";
    private static final OutboundQueue.Ticket TICKET = new OutboundQueue.Ticket(WS, MESSAGE);

    private final TestClock clock = new TestClock(Instant.parse("2026-11-20T10:00:00Z"));
    private final FlakyTransport transport = new FlakyTransport();
    private final ThreeQuarters random = new ThreeQuarters();
    private MessageStore messages;
    private SendLedger ledger;
    private DueMessages due;
    private SendingService sending;
    private DedicatedIp ip;

    @BeforeEach
    void setUp() {
        Platform platform = TestPlatforms.withAllTables(DYNAMO, clock, Map.of(SendingWiring.TRACKING_SECRET_VARIABLE, "test-tracking-secret-0123456789-0123456789",
                SendingWiring.TRACKING_BASE_URL_VARIABLE, "https://track.acme.test"));
        messages = SendingWiring.messageStore(platform);
        ledger = SendingWiring.sendLedger(platform);
        due = SendingWiring.dueMessages(platform);
        IpService ips = SendingWiring.ipService(platform, PoolProvisioner.NONE);
        Caller caller = new Caller(new Principal(WS, "key_1", "apikey:key_1", List.of("full"), 100), "127.0.0.1");
        ip = ips.createIp(caller, "198.51.100.10", "standard", null);
        IpPool pool = ips.createPool(caller, "main", List.of(new IpPool.Member(ip.id(), 1)));
        var ipStore = SendingWiring.ipStore(platform);
        sending = new SendingService(messages, ips, ledger, SendingWiring.suppressionService(platform), due, transport,
                SendingWiring.trackingLinks(platform), clock, key -> messages.content(key[0], key[1]),
                key -> ipStore.findIp(key[0], key[1]).orElse(null), null, null, RetryPolicy.defaults(), random);
        messages.putContent(new Content("cnt_1", WS, "news@acme.test", null, "Hi", "<p>Hi</p>", null, Map.of(), false, false, null));
        messages.create(new Message(MESSAGE, WS, "cnt_1", "ada@example.org", Map.of(), null, List.of(), pool.id(), null, null,
                MessageStatus.QUEUED, List.of(new TimelineEntry(MessageStatus.QUEUED, clock.instant(), null)), 0, null, null, clock.instant()));
    }

    @Test
    void sixTransientFailuresBackOffExponentiallyWithJitterThenFail() {
        transport.failuresLeft = Integer.MAX_VALUE;
        List<Duration> waits = new ArrayList<>();

        for (int tryNumber = 1; tryNumber <= 5; tryNumber++) {
            Instant triedAt = clock.instant();
            assertThat(sending.send(TICKET)).isEqualTo(SendingService.Outcome.RETRYING);
            Message waiting = messages.find(WS, MESSAGE).orElseThrow();
            assertThat(waiting.status()).isEqualTo(MessageStatus.DEFERRED);
            TimelineEntry last = waiting.timeline().get(waiting.timeline().size() - 1);
            Duration wait = Duration.ofMillis((random.lastBound - 1) * 3 / 4);
            Instant next = triedAt.plus(wait);
            assertThat(last.detail()).isEqualTo("try " + tryNumber + " of 6 failed: 421 4.3.2 try again later; next try at " + next);
            assertThat(usedToday()).as("the cap unit is given back").isZero();
            waits.add(wait);

            clock.advance(wait.minusMillis(1));
            assertThat(due.takeDue(clock.instant(), 10)).as("not due before its time").isEmpty();
            clock.advance(Duration.ofMillis(1));
            assertThat(due.takeDue(clock.instant(), 10)).containsExactly(TICKET);
        }
        assertThat(random.bounds).as("full jitter between 0 and 60 s doubling each try, inclusive")
                .containsExactly(60_001L, 120_001L, 240_001L, 480_001L, 960_001L);
        assertThat(waits).containsExactly(Duration.ofMillis(45_000), Duration.ofMillis(90_000), Duration.ofMillis(180_000),
                Duration.ofMillis(360_000), Duration.ofMillis(720_000));

        assertThat(sending.send(TICKET)).isEqualTo(SendingService.Outcome.FAILED);

        Message failed = messages.find(WS, MESSAGE).orElseThrow();
        assertThat(failed.status()).isEqualTo(MessageStatus.FAILED);
        assertThat(failed.timeline().get(failed.timeline().size() - 1).detail())
                .isEqualTo("gave up after 6 tries; last transient error: 421 4.3.2 try again later");
        assertThat(failed.timeline()).extracting(TimelineEntry::status).containsExactly(MessageStatus.QUEUED,
                MessageStatus.SENDING, MessageStatus.DEFERRED, MessageStatus.SENDING, MessageStatus.DEFERRED,
                MessageStatus.SENDING, MessageStatus.DEFERRED, MessageStatus.SENDING, MessageStatus.DEFERRED,
                MessageStatus.SENDING, MessageStatus.DEFERRED, MessageStatus.SENDING, MessageStatus.FAILED);
        assertThat(transport.tries).isEqualTo(6);
        assertThat(due.takeDue(clock.instant().plus(Duration.ofDays(1)), 10)).as("nothing scheduled after the last try").isEmpty();
        assertThat(usedToday()).isZero();
        assertThat(sending.send(TICKET)).as("a redelivered ticket").isEqualTo(SendingService.Outcome.ALREADY_HANDLED);
        assertThat(transport.tries).isEqualTo(6);
    }

    @Test
    void aTryThatSucceedsSendsOnceAndADuplicateTicketSendsNothing() {
        transport.failuresLeft = 2;

        assertThat(sending.send(TICKET)).isEqualTo(SendingService.Outcome.RETRYING);
        clock.advance(Duration.ofMinutes(1));
        assertThat(due.takeDue(clock.instant(), 10)).containsExactly(TICKET);
        assertThat(sending.send(TICKET)).isEqualTo(SendingService.Outcome.RETRYING);
        clock.advance(Duration.ofMinutes(2));
        assertThat(due.takeDue(clock.instant(), 10)).containsExactly(TICKET);
        assertThat(sending.send(TICKET)).isEqualTo(SendingService.Outcome.SENT);
        assertThat(sending.send(TICKET)).as("the same ticket delivered twice").isEqualTo(SendingService.Outcome.ALREADY_HANDLED);

        Message sent = messages.find(WS, MESSAGE).orElseThrow();
        assertThat(sent.status()).isEqualTo(MessageStatus.SENT);
        assertThat(sent.timeline()).filteredOn(e -> e.status() == MessageStatus.DEFERRED).extracting(TimelineEntry::detail)
                .satisfiesExactly(d -> assertThat(d).startsWith("try 1 of 6 failed: "), d -> assertThat(d).startsWith("try 2 of 6 failed: "));
        assertThat(transport.tries).isEqualTo(3);
        assertThat(transport.accepted).isEqualTo(1);
        assertThat(usedToday()).as("one unit for the one mail that left").isEqualTo(1);
    }

    private long usedToday() {
        LocalDate today = LocalDate.ofInstant(clock.instant(), ZoneOffset.UTC);
        return ledger.history(ip.id(), today, today).stream().mapToLong(d -> d.counts().sent()).findFirst().orElse(0);
    }

    /** Fails transiently while {@code failuresLeft} lasts, then accepts. */
    private static final class FlakyTransport implements MailTransport {
        int failuresLeft;
        int tries;
        int accepted;

        @Override
        public void send(OutgoingEmail email, SendingIdentity identity) {
            tries++;
            if (failuresLeft-- > 0) {
                throw new TransientSendException("421 4.3.2 try again later", null);
            }
            accepted++;
        }
    }

    /** Always draws three quarters of the bound it is given, and remembers the bounds. */
    private static final class ThreeQuarters implements RandomGenerator {
        final List<Long> bounds = new ArrayList<>();
        long lastBound;

        @Override
        public long nextLong(long bound) {
            bounds.add(bound);
            lastBound = bound;
            return (bound - 1) * 3 / 4;
        }

        @Override
        public long nextLong() {
            throw new UnsupportedOperationException("only bounded draws are expected");
        }
    }
}
