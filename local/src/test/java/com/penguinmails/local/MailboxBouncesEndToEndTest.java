package com.penguinmails.local;

import static com.penguinmails.local.TestPlatforms.await;
import static com.penguinmails.local.TestPlatforms.get;
import static com.penguinmails.local.TestPlatforms.json;
import static com.penguinmails.local.TestPlatforms.post;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.penguinmails.embedded.CapturedMessage;
import jakarta.mail.Address;
import jakarta.mail.Flags;
import jakarta.mail.Folder;
import jakarta.mail.Message;
import jakarta.mail.Session;
import jakarta.mail.Store;
import jakarta.mail.Transport;
import jakarta.mail.internet.InternetAddress;
import jakarta.mail.internet.MimeMessage;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.sqs.model.QueueAttributeName;

/**
 * Bounce reports over IMAP on the whole local platform: cold email goes out through two mailboxes, the receiving
 * servers "bounce" it (real-shaped reports from {@code events/imap/} delivered over SMTP into the mailboxes' INBOX),
 * and the mailbox-warmup run reads them, queues delivery events and deletes them; event-ingest then marks the
 * messages bounced, suppresses the hard-bounced address, and the counts show on the mailboxes in GET /v1/reputation.
 * The mailboxes are not in the warmup exchange: the bounce step reads every mailbox with IMAP.
 */
class MailboxBouncesEndToEndTest {

    private static final String JSON = "application/json";
    private static final String ANN = "ann@bounceco.test";
    private static final String BOB = "bob@bounceco.test";
    private static final String PASSWORD_ANN = "pw-Ann-77bounce";
    private static final String PASSWORD_BOB = "pw-Bob-88bounce";
    private static final String GONE = "gone@example.org";
    private static final String FULL = "full@example.net";

    private static LocalPlatform platform;
    private static String auth;
    private static String zone;

    @BeforeAll
    static void start() {
        platform = LocalPlatform.builder().port(0).start();
        auth = "Bearer " + platform.ownerApiKey().orElseThrow();
        zone = TestPlatforms.zoneAtNoon(platform);
        platform.mailSink().ensureUser(ANN, PASSWORD_ANN);
        platform.mailSink().ensureUser(BOB, PASSWORD_BOB);
        TestPlatforms.verifiedDomain(platform, auth, "bounceco.test");
    }

    @AfterAll
    static void stop() {
        if (platform != null) {
            platform.close();
        }
    }

    @Test
    void bounceReportsInTheMailboxesBounceTheMessagesSuppressAndCountOnTheMailboxes() throws Exception {
        String ann = createMailbox(ANN, PASSWORD_ANN);
        String bob = createMailbox(BOB, PASSWORD_BOB);
        String hard = sendCold(ann, ANN, GONE);
        String soft = sendCold(bob, BOB, FULL);
        await(Duration.ofSeconds(20), "both cold emails sent", () -> status(hard).equals("sent") && status(soft).equals("sent"));
        CapturedMessage sent = platform.mailSink().messages().stream().filter(m -> m.to().contains(GONE)).findFirst().orElseThrow();
        assertThat(sent.headers().get("X-PM-Message-Id")).containsExactly(hard);
        String workspace = sent.headers().get("X-PM-Workspace-Id").get(0);

        // The receiving servers answer: Ann's prospect does not exist (reported twice, by Postfix and by Gmail), Bob's
        // is over quota; and Ann also gets a bounce of mail she sent herself, which is none of our business.
        deliver(ANN, report("postfix-hard-bounce.eml", hard, workspace, GONE, ANN));
        deliver(ANN, report("gmail-hard-bounce-headers-only.eml", hard, workspace, GONE, ANN));
        deliver(ANN, report("not-ours-hard-bounce.eml", "unused", workspace, "unused@example.org", ANN));
        deliver(BOB, report("exim-quota-soft-bounce.eml", soft, workspace, FULL, BOB));

        runMailboxWarmup();

        await(Duration.ofSeconds(20), "both messages bounced", () -> status(hard).equals("bounced") && status(soft).equals("bounced"));
        awaitDeliveryEventsDrained();
        assertThat(lastDetail(hard)).as("whichever of the two reports came first").startsWith("5.1.1: 550");
        assertThat(lastDetail(soft)).contains("4.2.2").contains("over quota");
        HttpResponse<String> suppressions = get(platform, "/v1/suppressions?limit=500", "Authorization", auth);
        assertThat(json(suppressions).path("data").findValuesAsText("email")).as("a hard bounce suppresses at once, one soft bounce does not")
                .contains(GONE).doesNotContain(FULL);
        assertThat(suppressions.body()).containsIgnoringCase("hard_bounce");

        JsonNode annCounts = reputationOf("mailbox", ann);
        assertThat(annCounts.path("label").asText()).isEqualTo(ANN);
        assertThat(annCounts.path("assessment").path("counts").path("sent").asInt()).isEqualTo(1);
        assertThat(annCounts.path("assessment").path("counts").path("hardBounces").asInt()).as("two reports of one bounce count once").isEqualTo(1);
        assertThat(annCounts.path("assessment").path("state").asText()).as("100 %, but 1 send is no sample").isEqualToIgnoringCase("warning");
        assertThat(annCounts.path("paused").asBoolean()).isFalse();
        JsonNode bobCounts = reputationOf("mailbox", bob);
        assertThat(bobCounts.path("assessment").path("counts").path("softBounces").asInt()).isEqualTo(1);
        assertThat(bobCounts.path("assessment").path("counts").path("hardBounces").asInt()).isZero();
        JsonNode domain = reputationOf("domain", "bounceco.test").path("assessment").path("counts");
        assertThat(domain.path("hardBounces").asInt()).isEqualTo(1);
        assertThat(domain.path("softBounces").asInt()).isEqualTo(1);

        assertThat(inbox(ANN, PASSWORD_ANN)).as("ours deleted; the other left unread").containsExactly("Undelivered Mail Returned to Sender: unread");
        assertThat(inbox(BOB, PASSWORD_BOB)).isEmpty();

        runMailboxWarmup();
        awaitDeliveryEventsDrained();
        assertThat(reputationOf("mailbox", ann).path("assessment").path("counts").path("hardBounces").asInt()).as("a second run").isEqualTo(1);
        assertThat(inbox(ANN, PASSWORD_ANN)).hasSize(1);
    }

    private static String createMailbox(String email, String password) {
        HttpResponse<String> created = post(platform, "/v1/mailboxes", "{\"email\":\"" + email + "\","
                + "\"smtp\":{\"host\":\"127.0.0.1\",\"port\":" + platform.mailSink().smtpPort() + ",\"username\":\"" + email + "\",\"password\":\""
                + password + "\",\"tls\":false},\"imap\":{\"host\":\"127.0.0.1\",\"port\":" + platform.mailSink().imapPort() + "},"
                + "\"timezone\":\"" + zone + "\",\"workingHours\":{\"start\":\"00:00\",\"end\":\"24:00\","
                + "\"days\":[\"MON\",\"TUE\",\"WED\",\"THU\",\"FRI\",\"SAT\",\"SUN\"]},\"warmupEnabled\":false}",
                "Authorization", auth, "Content-Type", JSON);
        assertThat(created.statusCode()).as(created.body()).isEqualTo(201);
        return json(created).path("id").asText();
    }

    private static String sendCold(String mailbox, String from, String to) {
        HttpResponse<String> sent = post(platform, "/v1/messages", "{\"from\":\"" + from + "\",\"to\":\"" + to + "\",\"subject\":\"Quick idea\","
                + "\"text\":\"Hi, a quick idea for you.\",\"mailbox\":\"" + mailbox + "\"}", "Authorization", auth, "Content-Type", JSON);
        assertThat(sent.statusCode()).as(sent.body()).isEqualTo(202);
        return json(sent).path("id").asText();
    }

    private static String status(String messageId) {
        return json(get(platform, "/v1/messages/" + messageId, "Authorization", auth)).path("status").asText();
    }

    private static String lastDetail(String messageId) {
        JsonNode timeline = json(get(platform, "/v1/messages/" + messageId, "Authorization", auth)).path("timeline");
        return timeline.get(timeline.size() - 1).path("detail").asText();
    }

    private static JsonNode reputationOf(String kind, String id) {
        HttpResponse<String> reputation = get(platform, "/v1/reputation", "Authorization", auth);
        assertThat(reputation.statusCode()).as(reputation.body()).isEqualTo(200);
        for (JsonNode resource : json(reputation).path("data")) {
            if (resource.path("kind").asText().equals(kind) && resource.path("id").asText().equals(id)) {
                return resource;
            }
        }
        throw new AssertionError("no " + kind + " " + id + " in " + reputation.body());
    }

    private static void runMailboxWarmup() {
        HttpResponse<String> ran = post(platform, "/_local/schedules/mailbox-warmup/run", "");
        assertThat(ran.statusCode()).as(ran.body()).isEqualTo(200);
    }

    /** Nothing waiting on delivery-events and nothing in flight: every queued event has been ingested. */
    private static void awaitDeliveryEventsDrained() {
        await(Duration.ofSeconds(20), "delivery-events drained", () -> {
            Map<QueueAttributeName, String> attributes = platform.sqs().getQueueAttributes(r -> r.queueUrl(platform.queueUrl("delivery-events"))
                    .attributeNames(QueueAttributeName.APPROXIMATE_NUMBER_OF_MESSAGES, QueueAttributeName.APPROXIMATE_NUMBER_OF_MESSAGES_NOT_VISIBLE))
                    .attributes();
            return "0".equals(attributes.get(QueueAttributeName.APPROXIMATE_NUMBER_OF_MESSAGES))
                    && "0".equals(attributes.get(QueueAttributeName.APPROXIMATE_NUMBER_OF_MESSAGES_NOT_VISIBLE));
        });
    }

    /**
     * A sample report from {@code events/imap/} about {@code messageId}, as the receiving server would send it now: its
     * dates are moved to the platform clock, since a bounce counts on the day it happened.
     */
    private static String report(String sample, String messageId, String workspaceId, String recipient, String mailbox) {
        try {
            String dated = Files.readString(Path.of("..", "events", "imap", sample));
            return SampleTimestamps.shiftedTo(dated, platform.clock().instant())
                    .replace("MAILBOX_ADDRESS", mailbox).replace("SENDING_DOMAIN", "bounceco.test").replace("MESSAGE_ID", messageId).replace("WORKSPACE_ID", workspaceId).replace("RECIPIENT", recipient);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Over SMTP to the sink, which files it in the mailbox's INBOX; sent as is (no new Message-ID). */
    private static void deliver(String mailbox, String raw) throws Exception {
        Properties props = new Properties();
        props.put("mail.smtp.host", "127.0.0.1");
        props.put("mail.smtp.port", Integer.toString(platform.mailSink().smtpPort()));
        props.put("mail.smtp.from", "MAILER-DAEMON@mail.provider.example");
        Session session = Session.getInstance(props);
        MimeMessage message = new MimeMessage(session, new ByteArrayInputStream(raw.getBytes(StandardCharsets.UTF_8)));
        try (Transport transport = session.getTransport("smtp")) {
            transport.connect();
            transport.sendMessage(message, new Address[] {new InternetAddress(mailbox)});
        }
    }

    /** INBOX as "subject: read|unread", read without marking anything read. */
    private static List<String> inbox(String user, String password) throws Exception {
        Properties props = new Properties();
        props.put("mail.imap.peek", "true");
        try (Store store = Session.getInstance(props).getStore("imap")) {
            store.connect("127.0.0.1", platform.mailSink().imapPort(), user, password);
            Folder folder = store.getFolder("INBOX");
            folder.open(Folder.READ_ONLY);
            List<String> messages = new ArrayList<>();
            for (Message message : folder.getMessages()) {
                messages.add(message.getSubject() + ": " + (message.isSet(Flags.Flag.SEEN) ? "read" : "unread"));
            }
            folder.close(false);
            return messages;
        }
    }
}
