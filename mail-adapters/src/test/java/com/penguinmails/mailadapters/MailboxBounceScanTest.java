package com.penguinmails.mailadapters;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.penguinmails.sending.delivery.DeliveryEventFormat;
import com.penguinmails.core.auth.Principal;
import com.penguinmails.core.platform.Platform;
import com.penguinmails.core.testing.TestClock;
import com.penguinmails.core.testing.TestPlatforms;
import com.penguinmails.embedded.EmbeddedDynamoDbExtension;
import com.penguinmails.embedded.MailSink;
import com.penguinmails.identity.audit.Caller;
import com.penguinmails.mailadapters.ImapBounceInbox;
import com.penguinmails.mailadapters.MailWiring;
import com.penguinmails.sending.SendingWiring;
import com.penguinmails.sending.delivery.DeliveryEvent;
import com.penguinmails.sending.delivery.DeliveryEventQueue;
import com.penguinmails.sending.delivery.ImapSamples;
import com.penguinmails.sending.delivery.MailboxBounceScan;
import com.penguinmails.sending.mailboxes.Mailbox;
import com.penguinmails.sending.mailboxes.MailboxService;
import com.penguinmails.sending.mailboxes.NewMailbox;
import com.penguinmails.sending.mailboxes.internal.LocalSecretCipher;
import com.penguinmails.sending.messages.MessageStatus;
import com.penguinmails.sending.messages.MessageStore;
import jakarta.mail.Flags;
import jakarta.mail.Folder;
import jakarta.mail.Message;
import jakarta.mail.Session;
import jakarta.mail.Store;
import jakarta.mail.internet.MimeMessage;
import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** The bounce step against a real IMAP server (GreenMail) with the samples of {@code events/imap/}. */
class MailboxBounceScanTest {

    @RegisterExtension
    static final EmbeddedDynamoDbExtension DYNAMO = new EmbeddedDynamoDbExtension();

    private static final String ADDRESS = "ann@coldco.test";
    private static final String PASSWORD = "pw-ann-bounces";
    private static final String WORKSPACE = "ws_Q8c1Lr0b2Zt7Yh3Kd9Wm";

    /**
     * The afternoon of the day the samples of {@code events/imap/} are dated: the scan only reads a week back, by the date
     * each report carries, so a clock reading today's date would stop finding them a week after they were written.
     */
    private final TestClock clock = new TestClock(Instant.parse("2026-11-25T15:00:00Z"));
    private final RecordingQueue queue = new RecordingQueue();
    private MailSink sink;
    private MailboxService mailboxes;
    private MessageStore messages;
    private MailboxBounceScan scan;
    private Mailbox mailbox;

    @BeforeEach
    void start() {
        sink = MailSink.start(0, 0);
        sink.ensureUser(ADDRESS, PASSWORD);
        Platform platform = TestPlatforms.withAllTables(DYNAMO, clock, Map.of(SendingWiring.LOCAL_SECRET_KEY_VARIABLE, LocalSecretCipher.newBase64Key()));
        mailboxes = MailWiring.mailboxService(platform);
        messages = SendingWiring.messageStore(platform);
        mailbox = mailboxes.create(new Caller(new Principal(WORKSPACE, "key_1", "apikey:key_1", List.of("full"), 100), "127.0.0.1"),
                new NewMailbox(ADDRESS, "Ann", new NewMailbox.Smtp("127.0.0.1", sink.smtpPort(), ADDRESS, PASSWORD, "none", null),
                        new NewMailbox.Server("127.0.0.1", sink.imapPort(), null, null, false), null, null, null, false, null, null));
        scan = new MailboxBounceScan(mailboxes, messages, new ImapBounceInbox(clock), queue, clock);
    }

    @AfterEach
    void stop() {
        sink.close();
    }

    @Test
    void reportsAboutOurMailAreQueuedAndDeletedOnceAndOtherMailIsLeftAlone() throws Exception {
        sent("msg_0mh1qk2x4fA8bZ0cD1eF2", "gone@example.org", mailbox.id());
        sent("msg_0mh1qk2x4fB8bZ0cD1eF3", "nobody@example.net", mailbox.id());
        append("INBOX", sample("postfix-hard-bounce.eml", "msg_0mh1qk2x4fA8bZ0cD1eF2", WORKSPACE, "gone@example.org"));
        append("INBOX", sample("qmail-failure-notice.eml", "msg_0mh1qk2x4fB8bZ0cD1eF3", WORKSPACE, "nobody@example.net"));
        append("INBOX", sample("not-ours-hard-bounce.eml", "msg_unused", WORKSPACE, "unused@example.org"));
        append("INBOX", plain("From: Ada <ada@example.org>\nTo: " + ADDRESS + "\nSubject: Re: Quick idea\n\nSounds good, call me.\n"));

        MailboxBounceScan.Result first = scan.scan(mailbox);

        assertThat(first).isEqualTo(new MailboxBounceScan.Result(2, 2));
        assertThat(queue.events).extracting(DeliveryEvent::messageId, DeliveryEvent::type, DeliveryEvent::recipient, DeliveryEvent::resourceId,
                DeliveryEvent::sendingDomain, DeliveryEvent::workspaceId).containsExactlyInAnyOrder(
                org.assertj.core.groups.Tuple.tuple("msg_0mh1qk2x4fA8bZ0cD1eF2", DeliveryEvent.Type.HARD_BOUNCE, "gone@example.org", mailbox.id(),
                        "coldco.test", WORKSPACE),
                org.assertj.core.groups.Tuple.tuple("msg_0mh1qk2x4fB8bZ0cD1eF3", DeliveryEvent.Type.HARD_BOUNCE, "nobody@example.net", mailbox.id(),
                        "coldco.test", WORKSPACE));
        assertThat(inbox()).as("read with BODY.PEEK: what is not ours stays, unread").containsExactlyInAnyOrder(
                new Seen("Undelivered Mail Returned to Sender", false), new Seen("Re: Quick idea", false));

        assertThat(scan.scan(mailbox)).as("the next run").isEqualTo(new MailboxBounceScan.Result(0, 0));
        assertThat(queue.events).hasSize(2);
    }

    @Test
    void aReportIsOnlyDeletedOnceItsEventsAreQueuedAndOneNamingAnotherWorkspaceIsIgnored() throws Exception {
        sent("msg_0mh1qk2x4fC8bZ0cD1eF4", "full@example.com", mailbox.id());
        append("INBOX", sample("exim-quota-soft-bounce.eml", "msg_0mh1qk2x4fC8bZ0cD1eF4", WORKSPACE, "full@example.com"));
        append("INBOX", sample("postfix-hard-bounce.eml", "msg_0mh1qk2x4fD8bZ0cD1eF5", "ws_SomeoneElse00000000", "x@example.org"));
        queue.failing = true;

        assertThatThrownBy(() -> scan.scan(mailbox)).hasMessageContaining("queue unavailable");
        assertThat(inbox()).as("the queue refused: both stay").hasSize(2);

        queue.failing = false;
        assertThat(scan.scan(mailbox)).isEqualTo(new MailboxBounceScan.Result(1, 1));
        assertThat(queue.events).singleElement().satisfies(e -> {
            assertThat(e.type()).isEqualTo(DeliveryEvent.Type.SOFT_BOUNCE);
            assertThat(e.recipient()).isEqualTo("full@example.com");
        });
        assertThat(inbox()).as("another workspace's message: left alone").containsExactly(new Seen("Undelivered Mail Returned to Sender", false));
    }

    @Test
    void reportsInTheSpamFolderAreReadToo() throws Exception {
        sent("msg_0mh1qk2x4fE8bZ0cD1eF6", "typo@gmial.com", mailbox.id());
        append("Spam", sample("gmail-hard-bounce-headers-only.eml", "msg_0mh1qk2x4fE8bZ0cD1eF6", WORKSPACE, "typo@gmial.com"));

        assertThat(scan.scan(mailbox)).isEqualTo(new MailboxBounceScan.Result(1, 1));
        assertThat(queue.events.get(0).workspaceId()).as("no X-PM headers: the mailbox's workspace").isEqualTo(WORKSPACE);
        assertThat(queue.events.get(0).messageId()).isEqualTo("msg_0mh1qk2x4fE8bZ0cD1eF6");
    }

    @Test
    void aReportIsOnlyBelievedAboutMailThisMailboxSentAndOnlyForTheAddressItWentTo() throws Exception {
        sent("msg_0mh1qk2x4fF8bZ0cD1eF7", "ada@example.org", mailbox.id());
        sent("msg_0mh1qk2x4fG8bZ0cD1eF8", "bea@example.org", "mbx_SomeOtherMailbox0000");
        append("INBOX", sample("qmail-failure-notice.eml", "msg_0mh1qk2x4fF8bZ0cD1eF7", WORKSPACE, "the-boss@example.org"));
        append("INBOX", sample("postfix-delayed-warning.eml", "msg_0mh1qk2x4fG8bZ0cD1eF8", WORKSPACE, "bea@example.org"));
        append("INBOX", sample("postfix-expired-soft-bounce.eml", "msg_0mh1qk2x4fH8bZ0cD1eF9", WORKSPACE, "nobody@example.org"));

        assertThat(scan.scan(mailbox)).isEqualTo(new MailboxBounceScan.Result(1, 1));

        assertThat(queue.events).singleElement().satisfies(e -> {
            assertThat(e.messageId()).isEqualTo("msg_0mh1qk2x4fF8bZ0cD1eF7");
            assertThat(e.recipient()).as("not the address the report names").isEqualTo("ada@example.org");
        });
        assertThat(inbox()).as("another mailbox's message and an unknown one: left alone").hasSize(2);
    }

    @Test
    void aMailboxWithoutImapHasNothingToRead() {
        Mailbox noImap = mailboxes.create(new Caller(new Principal(WORKSPACE, "key_1", "apikey:key_1", List.of("full"), 100), "127.0.0.1"),
                new NewMailbox("bob@coldco.test", null, new NewMailbox.Smtp("127.0.0.1", 25, "bob", "pw", "none", null), null, null, null, null, null, null, null));

        assertThat(scan.scan(noImap)).isEqualTo(MailboxBounceScan.Result.NONE);
    }

    /** A cold email {@code mailboxId} sent. */
    private void sent(String messageId, String to, String mailboxId) {
        messages.create(new com.penguinmails.sending.messages.Message(messageId, WORKSPACE, "cnt_1", to, Map.of(), null, List.of(), null,
                mailboxId, null, MessageStatus.QUEUED, List.of(), 0, null, null, clock.instant()));
        int attempt = messages.claim(WORKSPACE, messageId, clock.instant(), java.time.Duration.ofMinutes(1)).orElseThrow().attempt();
        assertThat(messages.markSent(WORKSPACE, messageId, attempt, mailboxId, "<" + messageId + "@coldco.test>", clock.instant())).isTrue();
    }

    private static String sample(String name, String messageId, String workspaceId, String recipient) {
        return ImapSamples.sample(name, messageId, workspaceId, recipient, ADDRESS, "coldco.test");
    }

    private static String plain(String message) {
        return message;
    }

    private void append(String folderName, String raw) throws Exception {
        try (Store store = Session.getInstance(new Properties()).getStore("imap")) {
            store.connect("127.0.0.1", sink.imapPort(), ADDRESS, PASSWORD);
            Folder folder = store.getFolder(folderName);
            if (!folder.exists()) {
                folder.create(Folder.HOLDS_MESSAGES);
            }
            folder.appendMessages(new Message[] {
                    new MimeMessage(Session.getInstance(new Properties()), new ByteArrayInputStream(raw.getBytes(StandardCharsets.UTF_8)))});
        }
    }

    private record Seen(String subject, boolean seen) {}

    private List<Seen> inbox() throws Exception {
        Properties props = new Properties();
        props.put("mail.imap.peek", "true");
        try (Store store = Session.getInstance(props).getStore("imap")) {
            store.connect("127.0.0.1", sink.imapPort(), ADDRESS, PASSWORD);
            Folder folder = store.getFolder("INBOX");
            folder.open(Folder.READ_ONLY);
            List<Seen> messages = new ArrayList<>();
            for (Message message : folder.getMessages()) {
                messages.add(new Seen(message.getSubject(), message.isSet(Flags.Flag.SEEN)));
            }
            folder.close(false);
            return messages;
        }
    }

    private static final class RecordingQueue implements DeliveryEventQueue {
        final List<DeliveryEvent> events = new ArrayList<>();
        boolean failing;

        @Override
        public void queue(DeliveryEventFormat.Origin origin, List<DeliveryEvent> published, java.time.Duration delay) {
            if (failing) {
                throw new IllegalStateException("queue unavailable");
            }
            events.addAll(published);
        }
    }
}
