package com.penguinmails.sending.suppressions;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.penguinmails.core.auth.Principal;
import com.penguinmails.core.problems.ApiProblem;
import com.penguinmails.core.testing.TestClock;
import com.penguinmails.identity.audit.AuditRecorder;
import com.penguinmails.identity.audit.Caller;
import com.penguinmails.sending.domains.Domain;
import com.penguinmails.sending.domains.DomainService;
import com.penguinmails.sending.domains.DomainStore;
import com.penguinmails.sending.ips.DedicatedIp;
import com.penguinmails.sending.ips.IpPool;
import com.penguinmails.sending.ips.IpService;
import com.penguinmails.sending.ips.IpStore;
import com.penguinmails.sending.ledger.SendLedger;
import com.penguinmails.sending.messages.DueMessages;
import com.penguinmails.sending.messages.Message;
import com.penguinmails.sending.messages.MessageService;
import com.penguinmails.sending.messages.MessageStatus;
import com.penguinmails.sending.messages.MessageStore;
import com.penguinmails.sending.messages.OutboundQueue;
import com.penguinmails.sending.messages.SendingResources;
import com.penguinmails.sending.messages.Submission;
import com.penguinmails.sending.messages.TimelineEntry;
import com.penguinmails.sending.outbound.SendingService;
import com.penguinmails.sending.outbound.TrackingLinks;
import com.penguinmails.sending.testing.InstrumentedSuppressionStore;
import com.penguinmails.sending.testing.InMemoryOutboundQueue;
import com.penguinmails.sending.testing.RecordingTransport;
import com.penguinmails.sending.tracking.TrackingTokens;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Suppression checked at send time with the record of additions: the API (accept, add, remove) and the sender run in
 * containers of their own, as in AWS, each with its own SuppressionService over the same store. A suppression added
 * after a message's acceptance stops its send, at exactly the scopes the full check stops it at; one added before is
 * the accept's to refuse; a message older than the record's horizon gets the full check; the sender of a batch reads
 * the record once and looks up an address only when the record names it. Run on in-memory stores and on DynamoDB
 * (dynalite) by the subclasses.
 */
abstract class SuppressionAtSendContract {

    static final String WS = "ws_SuppressAtSend000000001";
    static final Instant START = Instant.parse("2026-11-20T10:00:00Z");
    private static final Caller CALLER = new Caller(new Principal(WS, "key_1", "apikey:key_1", List.of("full"), 100), "192.0.2.1");

    /** What the world runs on: the subclass's stores. */
    record Stores(MessageStore messages, SuppressionStore suppressions, IpStore ipStore, IpService ips, SendLedger ledger,
                  DueMessages due, DomainStore domains, AuditRecorder audit) {}

    final TestClock clock = new TestClock(START);
    private final RecordingTransport transport = new RecordingTransport();
    private Stores stores;
    private InstrumentedSuppressionStore senderReads;
    /** The API's and event ingest's container. */
    private SuppressionService api;
    /** The sender's container. */
    private SuppressionService atSend;
    private SendingService sender;
    private MessageService accept;
    private String pool;

    abstract Stores stores(TestClock clock);

    @BeforeEach
    void setUp() {
        stores = stores(clock);
        api = new SuppressionService(stores.suppressions(), stores.audit(), clock);
        senderReads = new InstrumentedSuppressionStore(stores.suppressions());
        atSend = new SuppressionService(senderReads, stores.audit(), clock);
        stores.domains().create(new Domain("acme.test", WS, Domain.Status.VERIFIED, List.of(), List.of(), START, START, START));
        DedicatedIp ip = stores.ips().createIp(CALLER, "198.51.100.10", null, List.of(1_000L));
        pool = stores.ips().createPool(CALLER, "main", List.of(new IpPool.Member(ip.id(), 1))).id();
        SendingResources resources = new SendingResources() {
            @Override
            public boolean poolExists(String workspaceId, String poolId) {
                return stores.ipStore().findPool(workspaceId, poolId).isPresent();
            }

            @Override
            public Optional<MailboxAddresses> mailboxAddresses(String workspaceId, String mailboxId) {
                return Optional.empty();
            }
        };
        DomainService domains = new DomainService(stores.domains(), null, stores.audit(), clock,
                new DomainService.SendingEndpoints("eu-west-1", "track.acme.test"));
        accept = new MessageService(stores.messages(), domains, api, resources, new InMemoryOutboundQueue(), stores.due(), clock,
                workspaceId -> "1 Penguin Way");
        sender = new SendingService(stores.messages(), stores.ips(), stores.ledger(), atSend, stores.due(), transport,
                new TrackingLinks("https://track.acme.test", new TrackingTokens("test-tracking-secret-0123456789-0123456789")), clock,
                key -> stores.messages().content(key[0], key[1]), key -> stores.ipStore().findIp(key[0], key[1]).orElse(null));
    }

    @Test
    void aSuppressionAddedAfterAcceptanceStopsTheSend() {
        Message viaApi = accept("ada@example.org", null);
        Message viaComplaint = accept("bob@example.org", null);
        clock.advance(Duration.ofSeconds(1));
        api.add(CALLER, "Ada@Example.org", null, null, "api");
        api.recordEvent(WS, "bob@example.org", Suppression.Reason.COMPLAINT, "delivery-event");

        assertThat(sender.send(ticket(viaApi))).isEqualTo(SendingService.Outcome.SUPPRESSED);
        assertThat(sender.send(ticket(viaComplaint))).isEqualTo(SendingService.Outcome.SUPPRESSED);

        assertThat(lastEntry(viaApi).detail()).isEqualTo("suppressed: manual");
        assertThat(lastEntry(viaComplaint).detail()).isEqualTo("suppressed: complaint");
        assertThat(transport.sent()).isEmpty();
    }

    @Test
    void eachScopeStopsExactlyTheSendsTheFullCheckStops() {
        List<Message> sends = List.of(accept("ann@example.org", "spring"), accept("ann@example.org", "autumn"),
                accept("ann@example.org", null), accept("bob@example.org", "spring"), accept("bob@example.org", null),
                accept("cy@example.org", "spring"));
        clock.advance(Duration.ofSeconds(1));
        api.add(CALLER, "ann@example.org", Suppression.campaignScope("spring"), null, "api");
        api.add(CALLER, "bob@example.org", Suppression.WORKSPACE_SCOPE, null, "api");
        api.add(CALLER, "cy@example.org", Suppression.campaignScope("autumn"), null, "api");

        List<SendingService.Outcome> outcomes = sends.stream().map(m -> sender.send(ticket(m))).toList();

        assertThat(outcomes).containsExactly(SendingService.Outcome.SUPPRESSED, SendingService.Outcome.SENT,
                SendingService.Outcome.SENT, SendingService.Outcome.SUPPRESSED, SendingService.Outcome.SUPPRESSED,
                SendingService.Outcome.SENT);
        assertThat(senderReads.finds()).as("only the sends a recorded scope applies to are looked up").isEqualTo(3);
        for (Message m : sends) {
            assertThat(atSend.blockingAtSend(WS, m.to(), m.campaignId(), m.createdAt()))
                    .as("%s in %s", m.to(), m.campaignId()).isEqualTo(api.blocking(WS, m.to(), m.campaignId()));
        }
    }

    @Test
    void aSuppressionAddedBeforeAcceptanceIsTheAcceptsToRefuse() {
        api.add(CALLER, "ada@example.org", null, null, "api");
        clock.advance(Duration.ofMinutes(10));

        assertThatThrownBy(() -> accept("ada@example.org", null)).isInstanceOfSatisfying(ApiProblem.class,
                p -> assertThat(p.type()).endsWith("/recipient-suppressed"));
    }

    @Test
    void aSuppressionTheAcceptMayHaveMissedIsCaughtAtSendAndAnOlderOneIsLeftToTheAccept() {
        // Messages stored as if their accept had not seen the suppression (a write still under way when it looked).
        api.add(CALLER, "ada@example.org", null, null, "api");
        clock.advance(Duration.ofSeconds(90));
        Message withinMargin = unchecked("ada@example.org");
        api.add(CALLER, "bob@example.org", null, null, "api");
        clock.advance(SuppressionService.ACCEPT_MARGIN.plusSeconds(40));
        Message beyondMargin = unchecked("bob@example.org");

        assertThat(sender.send(ticket(beyondMargin))).as("added 160 s before its accept: no accept could have missed it")
                .isEqualTo(SendingService.Outcome.SENT);
        assertThat(sender.send(ticket(withinMargin))).as("added 90 s before its accept").isEqualTo(SendingService.Outcome.SUPPRESSED);
    }

    @Test
    void withinTheHorizonTheRecordDecidesAndBeyondItTheFullCheckDoes() {
        Message recent = accept("ada@example.org", null);
        Message old = accept("bob@example.org", null);
        clock.advance(Duration.ofMinutes(1));
        // Stored past the record, as if the record had lost them (its entries expire after a day).
        stores.suppressions().add(new Suppression(WS, "ada@example.org", Suppression.WORKSPACE_SCOPE, Suppression.Reason.MANUAL, "api", clock.instant()));
        stores.suppressions().add(new Suppression(WS, "bob@example.org", Suppression.WORKSPACE_SCOPE, Suppression.Reason.MANUAL, "api", clock.instant()));

        assertThat(sender.send(ticket(recent))).as("the record is trusted within its horizon").isEqualTo(SendingService.Outcome.SENT);
        clock.advance(SuppressionService.ADDITIONS_TRUSTED_FOR);
        assertThat(sender.send(ticket(old))).as("accepted before the horizon").isEqualTo(SendingService.Outcome.SUPPRESSED);
        assertThat(atSend.blockingAtSend(WS, "ada@example.org", null, null)).as("no acceptance time: the full check").isPresent();
    }

    @Test
    void aRecordedAdditionWhoseSuppressionIsNotStoredStopsNothing() {
        Message stopped = accept("ada@example.org", null);
        Message removed = accept("bob@example.org", "spring");
        clock.advance(Duration.ofSeconds(1));
        // A writer that stopped between noting the addition and storing the suppression; an add then a remove.
        stores.suppressions().recordAddition(new Suppression(WS, "ada@example.org", Suppression.WORKSPACE_SCOPE, Suppression.Reason.MANUAL,
                "api", clock.instant()), clock.instant().plus(Duration.ofDays(1)));
        api.add(CALLER, "bob@example.org", Suppression.campaignScope("spring"), null, "api");
        api.remove(CALLER, "bob@example.org", Suppression.campaignScope("spring"));

        assertThat(sender.send(ticket(stopped))).isEqualTo(SendingService.Outcome.SENT);
        assertThat(sender.send(ticket(removed))).isEqualTo(SendingService.Outcome.SENT);
        assertThat(senderReads.finds()).as("each named address looked up once").isEqualTo(2);
    }

    @Test
    void theSenderReadsTheRecordOncePerWorkspaceForABatchAndLooksUpOnlyTheAddressesItNames() {
        List<Message> earlier = acceptAll(List.of("a0@example.org", "a1@example.org", "a2@example.org"));
        clock.advance(Duration.ofSeconds(20));
        List<Message> batch = acceptAll(List.of("b0@example.org", "b1@example.org", "b2@example.org", "b3@example.org", "b4@example.org",
                "b5@example.org", "b6@example.org"));
        clock.advance(Duration.ofSeconds(1));
        api.recordEvent(WS, "b3@example.org", Suppression.Reason.HARD_BOUNCE, "delivery-event");

        List<SendingService.Outcome> outcomes = new ArrayList<>();
        batch.forEach(m -> outcomes.add(sender.send(ticket(m))));
        earlier.forEach(m -> outcomes.add(sender.send(ticket(m))));

        assertThat(outcomes).filteredOn(o -> o == SendingService.Outcome.SUPPRESSED).hasSize(1);
        assertThat(outcomes).filteredOn(o -> o == SendingService.Outcome.SENT).hasSize(9);
        assertThat(senderReads.additionReads()).as("messages accepted within 30 s of each other share a read").isEqualTo(1);
        assertThat(senderReads.finds()).as("only b3, which the record names").isEqualTo(1);

        clock.advance(Duration.ofMinutes(1));
        Message later = accept("c0@example.org", null);
        Message muchEarlier = unchecked("d0@example.org", START.minus(Duration.ofMinutes(5)));
        assertThat(sender.send(ticket(later))).isEqualTo(SendingService.Outcome.SENT);
        assertThat(sender.send(ticket(muchEarlier))).isEqualTo(SendingService.Outcome.SENT);
        assertThat(senderReads.additionReads()).as("a new read once the last is stale, and the part before it for an older message")
                .isEqualTo(3);
    }

    @Test
    void aSuppressionAddedAfterTheSendersLastReadCountsOnceThatReadIsAFewSecondsOld() {
        Message first = accept("ada@example.org", null);
        Message second = accept("bob@example.org", null);
        assertThat(sender.send(ticket(first))).isEqualTo(SendingService.Outcome.SENT);
        api.add(CALLER, "bob@example.org", null, null, "api");
        clock.advance(RecentAdditions.FRESH_FOR);

        assertThat(sender.send(ticket(second))).isEqualTo(SendingService.Outcome.SUPPRESSED);
    }

    @Test
    void aWorkspaceThatAddedTooManyOfLateToReadAtOnceGetsTheFullCheck() {
        Message message = accept("ada@example.org", null);
        clock.advance(Duration.ofSeconds(1));
        for (int i = 0; i < RecentAdditions.MAX_READ; i++) {
            stores.suppressions().recordAddition(new Suppression(WS, "x" + i + "@example.org", Suppression.WORKSPACE_SCOPE,
                    Suppression.Reason.MANUAL, "csv-import", clock.instant().plusMillis(i)), clock.instant().plus(Duration.ofDays(1)));
        }
        // Past the record, so only the full check can find it.
        stores.suppressions().add(new Suppression(WS, "ada@example.org", Suppression.WORKSPACE_SCOPE, Suppression.Reason.MANUAL, "api", clock.instant()));

        assertThat(sender.send(ticket(message))).isEqualTo(SendingService.Outcome.SUPPRESSED);
        Message next = accept("bob@example.org", null);
        clock.advance(RecentAdditions.FRESH_FOR);
        assertThat(sender.send(ticket(next))).isEqualTo(SendingService.Outcome.SENT);
        assertThat(senderReads.additionReads()).as("not read again while it most likely holds as many").isEqualTo(1);
        clock.advance(RecentAdditions.TOO_MANY_FOR);
        assertThat(sender.send(ticket(accept("cy@example.org", null)))).isEqualTo(SendingService.Outcome.SENT);
        assertThat(senderReads.additionReads()).isEqualTo(2);
    }

    @Test
    void theRecordIsReadFromItsStartIncludedToItsEndExcludedOldestFirstAndOnlyThere() {
        Instant t = clock.instant();
        for (int i = 2; i >= 0; i--) {
            stores.suppressions().recordAddition(new Suppression(WS, "r" + i + "@example.org", Suppression.campaignScope("c" + i),
                    Suppression.Reason.MANUAL, "api", t.plusMillis(i)), t.plus(Duration.ofDays(1)));
        }

        assertThat(stores.suppressions().additions(WS, t.plusMillis(1), t.plusMillis(2), 10))
                .containsExactly(new SuppressionAddition("r1@example.org", "campaign:c1", t.plusMillis(1)));
        assertThat(stores.suppressions().additions(WS, t, null, 2)).extracting(SuppressionAddition::email)
                .containsExactly("r0@example.org", "r1@example.org");
        assertThat(stores.suppressions().additions(WS, t.plusMillis(3), null, 10)).isEmpty();
        assertThat(stores.suppressions().additions("ws_Other00000000000000001", t, null, 10)).isEmpty();
        assertThat(api.list(WS, null, 50).items()).as("the listing never sees the record").isEmpty();
        assertThat(api.blocking(WS, "r1@example.org", "c1")).isEmpty();
    }

    @Test
    void aWriterThatStopsAtTheRecordHasStoredNoSuppressionTheRecordMisses() {
        InstrumentedSuppressionStore failing = new InstrumentedSuppressionStore(stores.suppressions());
        SuppressionService stopping = new SuppressionService(failing, stores.audit(), clock);
        failing.recordingFails(true);

        assertThatThrownBy(() -> stopping.add(CALLER, "ada@example.org", null, null, "api")).isInstanceOf(IllegalStateException.class);
        assertThatThrownBy(() -> stopping.recordEvent(WS, "bob@example.org", Suppression.Reason.HARD_BOUNCE, "delivery-event"))
                .isInstanceOf(IllegalStateException.class);

        assertThat(api.blocking(WS, "ada@example.org", null)).isEmpty();
        assertThat(api.blocking(WS, "bob@example.org", null)).isEmpty();
    }

    private Message accept(String to, String campaignId) {
        return accept(List.of(to), campaignId).get(0);
    }

    private List<Message> acceptAll(List<String> to) {
        return accept(to, null);
    }

    private List<Message> accept(List<String> to, String campaignId) {
        Submission submission = new Submission("news@acme.test", null, "Hi", "<p>Hi</p>", null, Map.of(),
                to.stream().map(address -> new Submission.Recipient(address, Map.of())).toList(), campaignId, List.of(), pool, null, null,
                false, false);
        if (to.size() == 1) {
            return List.of(accept.sendOne(WS, submission));
        }
        return accept.sendBatch(WS, submission).outcomes().stream().map(o -> stores.messages().find(WS, o.messageId()).orElseThrow()).toList();
    }

    /** A message stored without the accept's check, accepted now (or at {@code acceptedAt}), with the content of an accepted one. */
    private Message unchecked(String to) {
        return unchecked(to, clock.instant());
    }

    private int uncheckedCount;

    private Message unchecked(String to, Instant acceptedAt) {
        Message template = accept("template" + ++uncheckedCount + "@example.org", null);
        // Its own id: the template's with one more character, so the two never meet.
        Message message = new Message(template.id() + "u", WS, template.contentId(), to, Map.of(),
                null, List.of(), pool, null, null, MessageStatus.QUEUED, List.of(new TimelineEntry(MessageStatus.QUEUED, acceptedAt, null)), 0,
                null, null, acceptedAt);
        stores.messages().create(message);
        return message;
    }

    private TimelineEntry lastEntry(Message message) {
        List<TimelineEntry> timeline = stores.messages().find(WS, message.id()).orElseThrow().timeline();
        return timeline.get(timeline.size() - 1);
    }

    private static OutboundQueue.Ticket ticket(Message message) {
        return new OutboundQueue.Ticket(WS, message.id());
    }
}
