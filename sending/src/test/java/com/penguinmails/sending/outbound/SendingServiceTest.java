package com.penguinmails.sending.outbound;

import static org.assertj.core.api.Assertions.assertThat;

import com.penguinmails.sending.ips.DedicatedIp;
import com.penguinmails.sending.ips.IpPool;
import com.penguinmails.sending.ips.IpService;
import com.penguinmails.sending.ips.PoolProvisioner;
import com.penguinmails.sending.mail.MailTransport;
import com.penguinmails.sending.mailboxes.Mailbox;
import com.penguinmails.sending.mailboxes.MailboxPacer;
import com.penguinmails.sending.mailboxes.NewMailbox;
import com.penguinmails.sending.mailboxes.Pacing;
import com.penguinmails.sending.messages.Content;
import com.penguinmails.sending.messages.Message;
import com.penguinmails.sending.messages.MessageStatus;
import com.penguinmails.sending.messages.OutboundQueue;
import com.penguinmails.sending.messages.TimelineEntry;
import com.penguinmails.sending.suppressions.Suppression;
import com.penguinmails.sending.testing.InMemoryWorld;
import com.penguinmails.sending.testing.PinnedRandom;
import com.penguinmails.sending.testing.RecordingTransport;
import com.penguinmails.sending.warmup.WarmupPolicy;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * SendingService on in-memory fakes with pinned randomness: what a ticket turns into (sent once, suppressed,
 * failed, deferred for the cap, retried after a transient error) and which IP or moment the pinned random draws
 * choose. The dynalite and end-to-end tests cover the same paths against the real stores.
 */
class SendingServiceTest {

    private static final String WS = InMemoryWorld.WS;
    /** A Friday, 10:00 UTC: inside a mailbox's default working hours. */
    private static final Instant FRIDAY_10 = Instant.parse("2026-11-20T10:00:00Z");
    private static final LocalDate TODAY = LocalDate.parse("2026-11-20");

    private InMemoryWorld world = new InMemoryWorld(FRIDAY_10, PinnedRandom.lowest());
    private int messageCount;

    @Test
    void aQueuedMessageIsSentOnceThroughThePoolsIpWithItsHeaders() {
        IpPool pool = pool(List.of(50L), 1);
        Message message = queued(pool.id(), null, "Hi {{name}}");
        SendingService sending = world.sending();

        assertThat(sending.send(ticket(message))).isEqualTo(SendingService.Outcome.SENT);
        assertThat(sending.send(ticket(message))).as("a redelivered ticket").isEqualTo(SendingService.Outcome.ALREADY_HANDLED);

        String ipId = pool.members().get(0).ipId();
        Message sent = world.messages.find(WS, message.id()).orElseThrow();
        assertThat(sent.status()).isEqualTo(MessageStatus.SENT);
        assertThat(sent.resourceId()).isEqualTo(ipId);
        assertThat(sent.messageIdHeader()).isEqualTo("<" + message.id() + "@acme.test>");
        assertThat(world.transport.sent()).singleElement().satisfies(s -> {
            assertThat(s.identity()).isEqualTo(new MailTransport.SendingIdentity(WS, ipId, pool.id(), null));
            assertThat(s.email().recipients()).containsExactly("ada@example.org");
            assertThat(s.mime()).contains("Subject: Hi Ada", "X-PM-Message-Id: " + message.id(), "X-PM-Workspace-Id: " + WS,
                    "List-Unsubscribe-Post: List-Unsubscribe=One-Click", "Message-ID: <" + message.id() + "@acme.test>");
        });
        assertThat(world.ledger.history(ipId, TODAY, TODAY)).singleElement().satisfies(day -> assertThat(day.counts().sent()).isEqualTo(1));
    }

    @Test
    void aRecipientSuppressedSinceAcceptanceIsNotSent() {
        IpPool pool = pool(List.of(50L), 1);
        Message message = queued(pool.id(), null, "Hi");
        world.suppressions.recordEvent(WS, "ada@example.org", Suppression.Reason.COMPLAINT, "delivery-event");

        assertThat(world.sending().send(ticket(message))).isEqualTo(SendingService.Outcome.SUPPRESSED);

        assertThat(lastEntry(message)).isEqualTo(new TimelineEntry(MessageStatus.SUPPRESSED, FRIDAY_10, "suppressed: complaint"));
        assertThat(world.transport.sent()).isEmpty();
        assertThat(world.ledger.history(pool.members().get(0).ipId(), TODAY, TODAY)).isEmpty();
    }

    @Test
    void aMessageWhoseContentIsGoneFails() {
        IpPool pool = pool(List.of(50L), 1);
        Message message = new Message("msg_0mh1qk2x4fFakes0000" + (++messageCount), WS, "cnt_missing", "ada@example.org", Map.of(), null,
                List.of(), pool.id(), null, null, MessageStatus.QUEUED, List.of(), 0, null, null, FRIDAY_10);
        world.messages.create(message);

        assertThat(world.sending().send(ticket(message))).isEqualTo(SendingService.Outcome.FAILED);
        assertThat(lastEntry(message).detail()).isEqualTo("content missing");
    }

    @Test
    void withTodaysCapUsedUpTheNextMessageWaitsForTomorrowsWarmupRun() {
        IpPool pool = pool(List.of(1L, 2L), 1);
        Message first = queued(pool.id(), null, "Hi");
        Message second = queued(pool.id(), null, "Hi");
        SendingService sending = world.sending();

        assertThat(sending.send(ticket(first))).isEqualTo(SendingService.Outcome.SENT);
        assertThat(sending.send(ticket(second))).isEqualTo(SendingService.Outcome.DEFERRED);

        assertThat(lastEntry(second).detail()).isEqualTo("no capacity left today in pool " + pool.id() + "; waits for the next warmup run");
        assertThat(world.due.takeDeferred(TODAY, 10)).as("not today's run").isEmpty();
        assertThat(world.due.takeDeferred(TODAY.plusDays(1), 10)).containsExactly(ticket(second));
        assertThat(world.transport.sent()).hasSize(1);
    }

    @Test
    void aPermanentTransportErrorFailsTheMessageAndGivesTheCapUnitBack() {
        IpPool pool = pool(List.of(50L), 1);
        Message message = queued(pool.id(), null, "Hi");
        world.transport.failPermanently("550 5.1.1 no such user");

        assertThat(world.sending().send(ticket(message))).isEqualTo(SendingService.Outcome.FAILED);

        assertThat(lastEntry(message)).isEqualTo(new TimelineEntry(MessageStatus.FAILED, FRIDAY_10, "550 5.1.1 no such user"));
        assertThat(world.ledger.history(pool.members().get(0).ipId(), TODAY, TODAY))
                .singleElement().satisfies(day -> assertThat(day.counts().sent()).isZero());
    }

    @Test
    void aTransientErrorRetriesAfterTheJitterTheInjectedRandomDraws() {
        world = new InMemoryWorld(FRIDAY_10, new PinnedRandom(0.5));
        IpPool pool = pool(List.of(50L), 1);
        Message message = queued(pool.id(), null, "Hi");
        world.transport.failTransiently("421 4.3.2 try again later");

        assertThat(world.sending().send(ticket(message))).isEqualTo(SendingService.Outcome.RETRYING);

        Instant next = FRIDAY_10.plusSeconds(30);
        assertThat(world.random.bounds()).as("the pick among the pool's one IP, then full jitter over 0 to 60 s inclusive")
                .containsExactly(1L, 60_001L);
        assertThat(lastEntry(message).detail()).isEqualTo("try 1 of 6 failed: 421 4.3.2 try again later; next try at " + next);
        assertThat(world.due.scheduledTimes()).containsExactly(next);
    }

    @Test
    void thePoolsIpsAreTriedInTheWeightedOrderTheInjectedRandomDraws() {
        IpPool pool = pool(List.of(50L), 1, 99);
        String light = pool.members().get(0).ipId();
        String heavy = pool.members().get(1).ipId();

        assertThat(sentThrough(pool, PinnedRandom.lowest())).as("a draw of 0 out of 100 lands on the weight-1 IP").isEqualTo(light);
        assertThat(sentThrough(pool, new PinnedRandom(1))).as("a draw of 99 lands on the weight-99 IP").isEqualTo(heavy);
    }

    @Test
    void outsideWorkingHoursAMailboxMessageWaitsForTheOpeningPlusTheDrawnGap() {
        world.clock.advance(Duration.ofHours(8)); // Friday 18:00 UTC: closed until Monday 09:00
        Mailbox mailbox = mailbox();
        Message message = queued(null, mailbox.id(), "Hi");

        assertThat(world.sending().send(ticket(message))).isEqualTo(SendingService.Outcome.DEFERRED);

        Instant at = Instant.parse("2026-11-23T09:00:00Z").plus(MailboxPacer.MIN_GAP);
        assertThat(lastEntry(message).detail()).isEqualTo("outside the working hours of mailbox " + mailbox.id() + "; sends at " + at);
        assertThat(world.due.scheduledTimes()).containsExactly(at);
        assertThat(world.mailboxTransport.sent()).isEmpty();
    }

    @Test
    void aMailboxSendsOnceThenSpacesTheNextByTheDrawnGap() {
        world = new InMemoryWorld(FRIDAY_10, new PinnedRandom(1));
        Mailbox mailbox = mailbox();
        Message first = queued(null, mailbox.id(), "Hi");
        Message second = queued(null, mailbox.id(), "Hi");
        SendingService sending = world.sending();

        assertThat(sending.send(ticket(first))).isEqualTo(SendingService.Outcome.SENT);
        assertThat(sending.send(ticket(second))).isEqualTo(SendingService.Outcome.DEFERRED);

        Instant gate = FRIDAY_10.plus(MailboxPacer.MAX_GAP);
        assertThat(world.mailboxStore.findPacing(mailbox.id()).orElseThrow().nextSendNotBefore()).isEqualTo(gate);
        assertThat(lastEntry(second).detail()).isEqualTo("mailbox " + mailbox.id() + " spreads its sends (60 to 300 seconds apart); sends at " + gate);
        assertThat(world.due.scheduledTimes()).containsExactly(gate);
        RecordingTransport.Sent sent = world.mailboxTransport.sent().get(0);
        assertThat(sent.email().envelopeFrom()).isEqualTo("news@acme.test");
        assertThat(sent.identity().resourceId()).isEqualTo(mailbox.id());
        assertThat(sent.identity().smtp().password()).as("decrypted for the connection only").isEqualTo("s3cret");
        assertThat(world.messages.find(WS, first.id()).orElseThrow().resourceId()).isEqualTo(mailbox.id());
    }

    @Test
    void aMailboxWhosePacingIsStillOnlyOnItsOldRowKeepsItsGap() {
        Mailbox mailbox = mailbox();
        Instant oldGate = FRIDAY_10.plusSeconds(200);
        world.mailboxStore.storeOldRowPacing(WS, mailbox.id(), new Pacing(oldGate, null, null));
        Message message = queued(null, mailbox.id(), "Hi");

        assertThat(world.sending().send(ticket(message))).isEqualTo(SendingService.Outcome.DEFERRED);

        assertThat(world.due.scheduledTimes()).as("the gap the last send before the move left").containsExactly(oldGate);
        assertThat(world.mailboxStore.findPacing(mailbox.id())).as("now on its own item, cursor moved on by the drawn gap")
                .contains(new Pacing(oldGate, oldGate.plus(MailboxPacer.MIN_GAP), null));
        assertThat(world.mailboxTransport.sent()).isEmpty();
    }

    /** Which IP of {@code pool} carries one message when the pool's order is drawn from {@code random}. */
    private String sentThrough(IpPool pool, PinnedRandom random) {
        IpService ips = new IpService(world.ipStore, world.ledger, world.audit, world.clock, WarmupPolicy.defaults(), PoolProvisioner.NONE, random);
        SendingService sending = new SendingService(world.messages, ips, world.ledger, world.suppressions, world.due, world.transport,
                world.links, world.clock, key -> world.messages.content(key[0], key[1]), key -> world.ipStore.findIp(key[0], key[1]).orElse(null));
        Message message = queued(pool.id(), null, "Hi");
        assertThat(sending.send(ticket(message))).isEqualTo(SendingService.Outcome.SENT);
        return world.messages.find(WS, message.id()).orElseThrow().resourceId();
    }

    private IpPool pool(List<Long> steps, int... weights) {
        List<IpPool.Member> members = new ArrayList<>();
        for (int i = 0; i < weights.length; i++) {
            DedicatedIp ip = world.ips.createIp(world.caller(), "198.51.100." + (10 + i), null, steps);
            members.add(new IpPool.Member(ip.id(), weights[i]));
        }
        return world.ips.createPool(world.caller(), "main", members);
    }

    private Mailbox mailbox() {
        return world.mailboxes.create(world.caller(), new NewMailbox("news@acme.test", "News", new NewMailbox.Smtp("smtp.acme.test", 587,
                "news", "s3cret", null, null), null, null, null, null, false, null, null));
    }

    private Message queued(String pool, String mailbox, String subject) {
        String n = Integer.toString(++messageCount);
        String contentId = "cnt_Fakes" + n;
        world.messages.putContent(new Content(contentId, WS, "news@acme.test", null, subject, "<p>Hello {{name}}</p>", null, Map.of(),
                false, false, "1 Penguin Way"));
        Message message = new Message("msg_0mh1qk2x4fFakes" + "0".repeat(5 - n.length()) + n, WS, contentId, "ada@example.org",
                Map.of("name", "Ada"), null, List.of(), pool, mailbox, null, MessageStatus.QUEUED,
                List.of(new TimelineEntry(MessageStatus.QUEUED, world.clock.instant(), null)), 0, null, null, world.clock.instant());
        world.messages.create(message);
        return message;
    }

    private TimelineEntry lastEntry(Message message) {
        List<TimelineEntry> timeline = world.messages.find(WS, message.id()).orElseThrow().timeline();
        return timeline.get(timeline.size() - 1);
    }

    private static OutboundQueue.Ticket ticket(Message message) {
        return new OutboundQueue.Ticket(WS, message.id());
    }
}
