package com.penguinmails.sending.messages;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.penguinmails.core.paging.Page;
import com.penguinmails.core.problems.ApiProblem;
import com.penguinmails.sending.ips.DedicatedIp;
import com.penguinmails.sending.ips.IpPool;
import com.penguinmails.sending.mailboxes.Mailbox;
import com.penguinmails.sending.mailboxes.NewMailbox;
import com.penguinmails.sending.suppressions.Suppression;
import com.penguinmails.sending.testing.InMemoryWorld;
import com.penguinmails.sending.testing.PinnedRandom;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.assertj.core.api.ThrowableAssert.ThrowingCallable;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * MessageService on in-memory fakes: what is accepted (stored once, queued or scheduled), what is refused with
 * which problem and field, a batch's partial acceptance, listing newest first with a cursor, another workspace's
 * message as a 404.
 */
class MessageServiceTest {

    private static final String WS = InMemoryWorld.WS;
    private static final Instant NOW = Instant.parse("2026-11-20T10:00:00Z");

    private final InMemoryWorld world = new InMemoryWorld(NOW, PinnedRandom.lowest());
    private MessageService messages;
    private IpPool pool;

    @BeforeEach
    void setUp() {
        world.verifiedDomain(WS, "acme.test");
        DedicatedIp ip = world.ips.createIp(world.caller(), "198.51.100.10", null, null);
        pool = world.ips.createPool(world.caller(), "main", List.of(new IpPool.Member(ip.id(), 1)));
        messages = world.messageService();
    }

    @Test
    void aSingleSendStoresTheContentOnceAndQueuesTheMessage() {
        Message message = messages.sendOne(WS, submission("ada@example.org", Map.of("name", "Ada"), null));

        assertThat(message.status()).isEqualTo(MessageStatus.QUEUED);
        assertThat(message.id()).startsWith("msg_");
        assertThat(message.variables()).containsEntry("name", "Ada");
        assertThat(message.timeline()).containsExactly(new TimelineEntry(MessageStatus.QUEUED, NOW, null));
        Content content = world.messages.content(WS, message.contentId()).orElseThrow();
        assertThat(content.subject()).isEqualTo("Hi {{name}}");
        assertThat(content.postalAddress()).as("the workspace's address when it was accepted").isEqualTo("1 Penguin Way, Antarctica");
        assertThat(world.queue.drain()).containsExactly(new OutboundQueue.Ticket(WS, message.id()));
        assertThat(world.due.scheduledTimes()).isEmpty();
    }

    @Test
    void aSendAtInTheFutureIsScheduledNotQueued() {
        Instant sendAt = NOW.plus(Duration.ofHours(2));
        Message message = messages.sendOne(WS, submission("ada@example.org", Map.of("name", "Ada"), sendAt));

        assertThat(message.status()).isEqualTo(MessageStatus.SCHEDULED);
        assertThat(world.queue.drain()).isEmpty();
        assertThat(world.due.takeDue(sendAt.minusMillis(1), 10)).isEmpty();
        assertThat(world.due.takeDue(sendAt, 10)).containsExactly(new OutboundQueue.Ticket(WS, message.id()));
    }

    @Test
    void refusalsNameTheField() {
        assertProblem(() -> messages.sendOne(WS, submission("ada@example.org", Map.of(), null)), 400, "invalid-field", "subject");
        assertProblem(() -> messages.sendOne(WS, submission("not-an-address", Map.of("name", "Ada"), null)), 400, "invalid-field", "to");
        assertProblem(() -> messages.sendOne(WS, submission("ada@example.org", Map.of("name", "Ada"), NOW.minus(Duration.ofMinutes(5)))),
                400, "invalid-field", "sendAt");
        assertProblem(() -> messages.sendOne(WS, with(base("ada@example.org"), "from", "news@unverified.test")),
                422, "domain-not-verified", "from");
        assertProblem(() -> messages.sendOne(WS, with(base("ada@example.org"), "ipPool", "pool_NoSuchPool0000000")),
                400, "invalid-field", "ipPool");
        assertProblem(() -> messages.sendOne(WS, with(base("ada@example.org"), "ipPool", "../etc/passwd")), 400, "invalid-field", "ipPool");
        assertProblem(() -> messages.sendOne(WS, with(base("ada@example.org"), "mailbox", "mbx_NoSuchMailbox00000")),
                400, "invalid-field", "mailbox");
        Submission both = new Submission("news@acme.test", null, "Hi", "<p>Hi</p>", null, Map.of(),
                List.of(new Submission.Recipient("ada@example.org", Map.of())), null, List.of(), pool.id(), "mbx_Any000000000000000", null,
                false, false);
        assertProblem(() -> messages.sendOne(WS, both), 400, "invalid-field", "ipPool");
        assertThat(world.queue.drain()).as("nothing refused is queued").isEmpty();
    }

    @Test
    void mailThroughAMailboxMustBeFromItsAddressOrAnAlias() {
        Mailbox mailbox = world.mailboxes.create(world.caller(), new NewMailbox("sales@acme.test", null,
                new NewMailbox.Smtp("smtp.acme.test", 587, "sales", "pw", null, null), null, null, null, null, false, null,
                List.of("ada.sales@acme.test")));
        Submission throughMailbox = new Submission("news@acme.test", null, "Hi", "<p>Hi</p>", null, Map.of(),
                List.of(new Submission.Recipient("bob@example.org", Map.of())), null, List.of(), null, mailbox.id(), null, false, false);

        assertProblem(() -> messages.sendOne(WS, throughMailbox), 422, "from-not-mailbox", "from");
        Submission fromAlias = new Submission("ada.sales@ACME.test", null, "Hi", "<p>Hi</p>", null, Map.of(),
                List.of(new Submission.Recipient("bob@example.org", Map.of())), null, List.of(), null, mailbox.id(), null, false, false);
        assertThat(messages.sendOne(WS, fromAlias).mailbox()).isEqualTo(mailbox.id());
    }

    @Test
    void aBatchAcceptsTheValidRecipientsAndReportsEachRejectedOne() {
        world.suppressions.recordEvent(WS, "carol@example.org", Suppression.Reason.HARD_BOUNCE, "delivery-event");
        Submission batch = new Submission("news@acme.test", null, "Hi {{name}}", "<p>Hello {{name}}</p>", null, Map.of(), List.of(
                new Submission.Recipient("ada@example.org", Map.of("name", "Ada")),
                new Submission.Recipient("bob@example.org", Map.of()),
                new Submission.Recipient("carol@example.org", Map.of("name", "Carol"))), null, List.of(), pool.id(), null, null, false, false);

        SubmissionResult result = messages.sendBatch(WS, batch);

        assertThat(result.acceptedCount()).isEqualTo(1);
        assertThat(result.outcomes()).extracting(SubmissionResult.Outcome::problemType)
                .containsExactly(null, ApiProblem.TYPE_BASE + "invalid-field", ApiProblem.TYPE_BASE + "recipient-suppressed");
        assertThat(result.outcomes().get(1).detail()).contains("[name]", "bob@example.org");
        assertThat(world.queue.drain()).containsExactly(new OutboundQueue.Ticket(WS, result.outcomes().get(0).messageId()));
        assertProblem(() -> messages.sendBatch(WS, new Submission("news@acme.test", null, "Hi", "<p>Hi</p>", null, Map.of(), List.of(),
                null, List.of(), pool.id(), null, null, false, false)), 400, "invalid-field", "recipients");
    }

    @Test
    void listingIsNewestFirstPagedByCursorAndFiltered() {
        List<String> sent = new ArrayList<>();
        for (int i = 0; i < 5; i++) {
            sent.add(messages.sendOne(WS, submission("r" + i + "@example.org", Map.of("name", "R"), null)).id());
            world.clock.advance(Duration.ofSeconds(1));
        }
        List<String> listed = new ArrayList<>();
        String cursor = null;
        do {
            Page<Message> page = messages.list(WS, null, null, cursor, 2);
            assertThat(page.items()).hasSizeLessThanOrEqualTo(2);
            page.items().forEach(m -> listed.add(m.id()));
            cursor = page.nextCursor();
        } while (cursor != null);

        java.util.Collections.reverse(sent);
        assertThat(listed).containsExactlyElementsOf(sent);
        assertThat(messages.list(WS, null, "sent", null, 10).items()).isEmpty();
        assertThat(messages.list(WS, null, "QUEUED", null, 10).items()).hasSize(5);
        assertProblem(() -> messages.list(WS, null, "lost", null, 10), 400, "invalid-field", "status");
        assertProblem(() -> messages.list(WS, "bad campaign!", null, null, 10), 400, "invalid-field", "campaignId");
    }

    @Test
    void anotherWorkspacesMessageIsNotFound() {
        Message message = messages.sendOne(WS, submission("ada@example.org", Map.of("name", "Ada"), null));

        assertThat(messages.get(WS, message.id())).isEqualTo(message);
        assertProblem(() -> messages.get(InMemoryWorld.OTHER_WS, message.id()), 404, "not-found", null);
    }

    private Submission submission(String to, Map<String, String> variables, Instant sendAt) {
        return new Submission("news@acme.test", null, "Hi {{name}}", "<p>Hello {{name}}</p>", "Hello {{name}}", Map.of(),
                List.of(new Submission.Recipient(to, variables)), null, List.of(), pool.id(), null, sendAt, true, true);
    }

    private Submission base(String to) {
        return submission(to, Map.of("name", "Ada"), null);
    }

    /** {@code s} with one of from, ipPool or mailbox changed (a mailbox replaces the pool: a message has one or the other). */
    private static Submission with(Submission s, String field, String value) {
        String from = "from".equals(field) ? value : s.from();
        String pool = "ipPool".equals(field) ? value : "mailbox".equals(field) ? null : s.ipPool();
        String mailbox = "mailbox".equals(field) ? value : s.mailbox();
        return new Submission(from, s.replyTo(), s.subject(), s.html(), s.text(), s.headers(), s.recipients(), s.campaignId(), s.tags(),
                pool, mailbox, s.sendAt(), s.trackOpens(), s.trackClicks());
    }

    private static void assertProblem(ThrowingCallable call, int status, String slug, String field) {
        assertThatThrownBy(call).isInstanceOfSatisfying(ApiProblem.class, problem -> {
            assertThat(problem.status()).isEqualTo(status);
            assertThat(problem.type()).isEqualTo(ApiProblem.TYPE_BASE + slug);
            if (field != null) {
                assertThat(problem.extensions()).containsEntry("field", field);
            }
        });
    }
}
