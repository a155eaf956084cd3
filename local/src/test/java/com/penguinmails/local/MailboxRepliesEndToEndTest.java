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
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Date;
import java.util.List;
import java.util.Properties;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Replies read over IMAP on the whole local platform: a campaign goes out through a mailbox; one contact answers, one
 * contact's server sends an out-of-office, and someone writes about other mail; the mailbox-warmup run reads the
 * mailbox's INBOX, and the contact who answered stops (the out-of-office does not stop the other), each reply told
 * once (a second run finds nothing new) and left unread for the mailbox's owner.
 */
class MailboxRepliesEndToEndTest {

    private static final String JSON = "application/json";
    private static final String SAM = "sam@replyco.test";
    private static final String PASSWORD = "pw-Sam-55reply";
    private static final String ANN = "ann@example.org";
    private static final String BO = "bo@example.org";

    private static LocalPlatform platform;
    private static String auth;

    @BeforeAll
    static void start() {
        platform = LocalPlatform.builder().port(0).start();
        auth = "Bearer " + platform.ownerApiKey().orElseThrow();
        platform.mailSink().ensureUser(SAM, PASSWORD);
        TestPlatforms.verifiedDomain(platform, auth, "replyco.test");
    }

    @AfterAll
    static void stop() {
        if (platform != null) {
            platform.close();
        }
    }

    @Test
    void aContactsReplyStopsTheirSequenceAnOutOfOfficeDoesNot() throws Exception {
        String zone = TestPlatforms.zoneAtNoon(platform);
        HttpResponse<String> mailbox = post(platform, "/v1/mailboxes", "{\"email\":\"" + SAM + "\","
                + "\"smtp\":{\"host\":\"127.0.0.1\",\"port\":" + platform.mailSink().smtpPort() + ",\"username\":\"" + SAM + "\",\"password\":\""
                + PASSWORD + "\",\"tls\":false},\"imap\":{\"host\":\"127.0.0.1\",\"port\":" + platform.mailSink().imapPort() + "},"
                + "\"timezone\":\"" + zone + "\",\"workingHours\":{\"start\":\"00:00\",\"end\":\"24:00\","
                + "\"days\":[\"MON\",\"TUE\",\"WED\",\"THU\",\"FRI\",\"SAT\",\"SUN\"]},\"warmupEnabled\":false}",
                "Authorization", auth, "Content-Type", JSON);
        assertThat(mailbox.statusCode()).as(mailbox.body()).isEqualTo(201);
        assertThat(post(platform, "/v1/contacts", "{\"contacts\":[{\"email\":\"" + ANN + "\",\"tags\":[\"r\"]},{\"email\":\"" + BO + "\",\"tags\":[\"r\"]}]}",
                "Authorization", auth, "Content-Type", JSON).statusCode()).isEqualTo(200);
        HttpResponse<String> campaign = post(platform, "/v1/campaigns", """
                {"name": "Replies", "audience": {"tags": ["r"]}, "sending": {"mailboxes": ["%s"]},
                 "schedule": {"days": ["mon","tue","wed","thu","fri","sat","sun"], "start": "00:00", "end": "24:00"},
                 "steps": [{"variants": [{"subject": "Hello", "text": "Hi there"}]}, {"delayDays": 1, "variants": [{"text": "Again"}]}]}"""
                .formatted(json(mailbox).path("id").asText()), "Authorization", auth, "Content-Type", JSON);
        assertThat(campaign.statusCode()).as(campaign.body()).isEqualTo(201);
        String campaignId = json(campaign).path("id").asText();
        assertThat(post(platform, "/v1/campaigns/" + campaignId + "/launch", "", "Authorization", auth).statusCode()).isEqualTo(200);
        assertThat(post(platform, "/_local/schedules/sequencer/run", "").statusCode()).isEqualTo(200);
        // A mailbox paces its mail minutes apart: move the clock until both first emails are out.
        for (int i = 0; i < 12 && (mailTo(ANN).isEmpty() || mailTo(BO).isEmpty()); i++) {
            Thread.sleep(1000);
            assertThat(post(platform, "/_local/clock/advance", "{\"seconds\":60}", "Content-Type", JSON).statusCode()).isEqualTo(200);
        }
        await(Duration.ofSeconds(30), "the first email to ann and bo", () -> !mailTo(ANN).isEmpty() && !mailTo(BO).isEmpty());

        deliver(reply(ANN, messageIdOf(mailTo(ANN).get(0)), "Re: Hello", false, "Sure, let's talk on Tuesday."));
        deliver(reply(BO, messageIdOf(mailTo(BO).get(0)), "Out of office: Hello", true, "I am away until Monday."));
        deliver(reply("someone@example.com", "<other-thread@example.com>", "Lunch?", false, "Not about your mail."));

        runMailboxWarmup();
        await(Duration.ofSeconds(30), "ann's sequence stopped by her reply",
                () -> progress(campaignId).path("stopped").path("replied").asInt() == 1);
        assertThat(progress(campaignId).path("byStatus").path("active").asInt()).as("bo's out-of-office does not stop him").isEqualTo(1);
        assertThat(inbox()).as("left unread for sam; ours carry the keyword that keeps a later run from telling them again")
                .containsExactlyInAnyOrder("Re: Hello: unread, told", "Out of office: Hello: unread, told", "Lunch?: unread");

        runMailboxWarmup();
        await(Duration.ofSeconds(20), "both replies in the event log", () -> replies().size() == 2);
        Thread.sleep(2000);
        List<JsonNode> told = replies();
        assertThat(told).as("each reply told once, the second run found nothing new").hasSize(2);
        assertThat(told).extracting(e -> e.path("data").path("contact").asText()).containsExactlyInAnyOrder(ANN, BO);
        assertThat(told).extracting(e -> e.path("data").path("properties").path("autoReply").asText()).containsExactlyInAnyOrder("true", "false");
    }

    private static JsonNode progress(String campaignId) {
        return json(get(platform, "/v1/campaigns/" + campaignId, "Authorization", auth)).path("progress");
    }

    private static List<JsonNode> replies() {
        List<JsonNode> found = new ArrayList<>();
        for (JsonNode event : json(get(platform, "/v1/events?type=channel.activity", "Authorization", auth)).path("data")) {
            found.add(event);
        }
        return found;
    }

    private static String messageIdOf(CapturedMessage message) {
        return message.headers().get("Message-ID").get(0).strip();
    }

    private static List<CapturedMessage> mailTo(String address) {
        return platform.mailSink().messages().stream().filter(m -> m.to().contains(address)).toList();
    }

    private static void runMailboxWarmup() {
        HttpResponse<String> ran = post(platform, "/_local/schedules/mailbox-warmup/run", "");
        assertThat(ran.statusCode()).as(ran.body()).isEqualTo(200);
    }

    private static MimeMessage reply(String from, String inReplyTo, String subject, boolean automatic, String text) throws Exception {
        MimeMessage message = new MimeMessage(Session.getInstance(new Properties()));
        message.setFrom(new InternetAddress(from));
        message.setRecipient(Message.RecipientType.TO, new InternetAddress(SAM));
        message.setSubject(subject);
        message.setSentDate(Date.from(platform.clock().instant()));
        message.setHeader("In-Reply-To", inReplyTo);
        message.setHeader("References", inReplyTo);
        if (automatic) {
            message.setHeader("Auto-Submitted", "auto-replied");
        }
        message.setText(text);
        message.saveChanges();
        return message;
    }

    /** Over SMTP to the sink, which files it in sam's INBOX. */
    private static void deliver(MimeMessage message) throws Exception {
        Properties props = new Properties();
        props.put("mail.smtp.host", "127.0.0.1");
        props.put("mail.smtp.port", Integer.toString(platform.mailSink().smtpPort()));
        Session session = Session.getInstance(props);
        try (Transport transport = session.getTransport("smtp")) {
            transport.connect();
            transport.sendMessage(message, new Address[] {new InternetAddress(SAM)});
        }
    }

    /** INBOX as "subject: read|unread[, told]", read without marking anything read. */
    private static List<String> inbox() throws Exception {
        Properties props = new Properties();
        props.put("mail.imap.peek", "true");
        try (Store store = Session.getInstance(props).getStore("imap")) {
            store.connect("127.0.0.1", platform.mailSink().imapPort(), SAM, PASSWORD);
            Folder folder = store.getFolder("INBOX");
            folder.open(Folder.READ_ONLY);
            List<String> messages = new ArrayList<>();
            for (Message message : folder.getMessages()) {
                messages.add(message.getSubject() + ": " + (message.isSet(Flags.Flag.SEEN) ? "read" : "unread")
                        + (message.getFlags().contains("PenguinMailsReply") ? ", told" : ""));
            }
            folder.close(false);
            return messages;
        }
    }
}
