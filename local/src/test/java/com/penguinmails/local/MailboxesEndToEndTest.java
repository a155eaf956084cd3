package com.penguinmails.local;

import static com.penguinmails.local.TestPlatforms.await;
import static com.penguinmails.local.TestPlatforms.get;
import static com.penguinmails.local.TestPlatforms.json;
import static com.penguinmails.local.TestPlatforms.post;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.penguinmails.embedded.CapturedMessage;
import jakarta.mail.Flags;
import jakarta.mail.Folder;
import jakarta.mail.Message;
import jakarta.mail.Session;
import jakarta.mail.Store;
import jakarta.mail.internet.InternetAddress;
import jakarta.mail.internet.MimeMessage;
import java.net.http.HttpResponse;
import java.time.DayOfWeek;
import java.time.Duration;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

/**
 * The mailbox story on the whole local platform, over HTTP: two mailboxes on the local mail sink (SMTP and IMAP),
 * passwords stored only encrypted and never returned; cold email through a mailbox, spread by the send gap, held
 * outside working hours and over the day's cap; the warmup exchange (warmup mails both ways, rescued from spam,
 * marked read and important over IMAP, answered at each mailbox's reply rate); the warmup view; pause. The steps
 * build on each other.
 *
 * <p>The mailboxes' zone is chosen so that it is around noon there whatever time the test runs, so their local
 * day cannot turn during the test.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class MailboxesEndToEndTest {

    private static final String JSON = "application/json";
    private static final String A = "ann@coldco.test";
    private static final String B = "bob@coldco.test";
    private static final String PASSWORD_A = "pw-Ann-0f9e8d7c6b";
    private static final String PASSWORD_B = "pw-Bob-1a2b3c4d5e";
    private static final String ALL_DAYS = "[\"MON\",\"TUE\",\"WED\",\"THU\",\"FRI\",\"SAT\",\"SUN\"]";

    private static LocalPlatform platform;
    private static String auth;
    private static String zone;
    private static String mailboxA;
    private static String mailboxB;
    private static final List<String> coldMessageIds = new ArrayList<>();

    @BeforeAll
    static void start() {
        platform = LocalPlatform.builder().port(0).start();
        auth = "Bearer " + platform.ownerApiKey().orElseThrow();
        zone = TestPlatforms.zoneAtNoon(platform);
        platform.mailSink().ensureUser(A, PASSWORD_A);
        platform.mailSink().ensureUser(B, PASSWORD_B);
        TestPlatforms.verifiedDomain(platform, auth, "coldco.test");
    }

    @AfterAll
    static void stop() {
        if (platform != null) {
            platform.close();
        }
    }

    @Test
    @Order(1)
    void mailboxesAreCreatedAndTheirPasswordsAreNeverReturnedNorStoredInClear() {
        HttpResponse<String> a = createMailbox(A, "Ann", PASSWORD_A, 0.0);
        HttpResponse<String> b = createMailbox(B, "Bob", PASSWORD_B, 1.0);

        assertThat(a.statusCode()).as(a.body()).isEqualTo(201);
        assertThat(b.statusCode()).as(b.body()).isEqualTo(201);
        assertThat(a.body()).doesNotContain(PASSWORD_A).doesNotContainIgnoringCase("password");
        assertThat(b.body()).doesNotContain(PASSWORD_B).doesNotContainIgnoringCase("password");
        mailboxA = json(a).path("id").asText();
        mailboxB = json(b).path("id").asText();
        JsonNode view = json(a);
        assertThat(view.path("smtp").path("port").asInt()).isEqualTo(platform.mailSink().smtpPort());
        assertThat(view.path("imap").path("username").asText()).as("defaults to the SMTP login").isEqualTo(A);
        assertThat(view.path("timezone").asText()).isEqualTo(zone);
        assertThat(view.path("warmupEnabled").asBoolean()).isTrue();
        assertThat(view.path("warmupCapToday").asInt()).isEqualTo(2);
        assertThat(view.path("coldEmailCapToday").asInt()).isEqualTo(40);

        HttpResponse<String> list = get(platform, "/v1/mailboxes", "Authorization", auth);
        assertThat(json(list).path("data")).hasSize(2);
        assertThat(list.body()).doesNotContain(PASSWORD_A).doesNotContain(PASSWORD_B).doesNotContain("local-v1:");
        assertThat(get(platform, "/v1/mailboxes/" + mailboxB, "Authorization", auth).body()).contains(B).doesNotContain(PASSWORD_B);

        List<Map<String, AttributeValue>> items = platform.dynamoDb().scan(r -> r.tableName(platform.tableName("sending-resources"))).items()
                .stream().filter(i -> i.get("resourceKey").s().startsWith("mailbox#")).toList();
        assertThat(items).hasSize(2);
        assertThat(items.toString()).doesNotContain(PASSWORD_A).doesNotContain(PASSWORD_B).contains("local-v1:");

        HttpResponse<String> duplicate = createMailbox(A, "Ann again", PASSWORD_A, 0.3);
        assertThat(duplicate.statusCode()).isEqualTo(409);
        HttpResponse<String> noImapButWarmup = post(platform, "/v1/mailboxes", "{\"email\":\"x@coldco.test\",\"smtp\":{\"host\":\"127.0.0.1\","
                + "\"port\":25,\"username\":\"x\",\"password\":\"y\"},\"warmupEnabled\":true}", "Authorization", auth, "Content-Type", JSON);
        assertThat(noImapButWarmup.statusCode()).isEqualTo(400);
        assertThat(json(noImapButWarmup).path("field").asText()).isEqualTo("warmupEnabled");
    }

    @Test
    @Order(2)
    void aColdEmailGoesThroughTheMailboxAndTheNextOneWaitsForTheSendGap() {
        String first = sendCold(mailboxA, A, "prospect1@example.org");
        await(Duration.ofSeconds(20), "the first cold email in the sink", () -> sinkMessagesTo("prospect1@example.org").size() == 1);
        CapturedMessage mail = sinkMessagesTo("prospect1@example.org").get(0);
        assertThat(mail.from()).contains(A);
        assertThat(mail.headers().get("X-PM-Message-Id")).containsExactly(first);
        await(Duration.ofSeconds(10), "sent through the mailbox", () -> message(first).path("status").asText().equals("sent"));
        assertThat(message(first).path("sentThrough").asText()).isEqualTo(mailboxA);

        String second = sendCold(mailboxA, A, "prospect2@example.org");
        await(Duration.ofSeconds(20), "the second held back by the gap", () -> message(second).path("status").asText().equals("deferred"));
        assertThat(lastDetail(second)).contains("spreads its sends");
        assertThat(sinkMessagesTo("prospect2@example.org")).isEmpty();

        // Past the gap (at most 300 s): the release job queues it again and it goes.
        for (int i = 0; i < 6 && !message(second).path("status").asText().equals("sent"); i++) {
            advance(Duration.ofSeconds(301));
            awaitQuietly(Duration.ofSeconds(5), () -> message(second).path("status").asText().equals("sent"));
        }
        assertThat(message(second).path("status").asText()).isEqualTo("sent");
        assertThat(sinkMessagesTo("prospect2@example.org")).hasSize(1);
    }

    @Test
    @Order(3)
    void outsideItsWorkingHoursAMailboxHoldsItsMail() {
        DayOfWeek today = platform.clock().instant().atOffset(ZoneOffset.of(zone)).getDayOfWeek();
        String otherDay = today.plus(3).name().substring(0, 3);
        HttpResponse<String> created = post(platform, "/v1/mailboxes", "{\"email\":\"carl@coldco.test\",\"smtp\":{\"host\":\"127.0.0.1\","
                + "\"port\":" + platform.mailSink().smtpPort() + ",\"username\":\"carl@coldco.test\",\"password\":\"pw-carl\",\"tls\":false},"
                + "\"timezone\":\"" + zone + "\",\"workingHours\":{\"days\":[\"" + otherDay + "\"]}}", "Authorization", auth, "Content-Type", JSON);
        assertThat(created.statusCode()).as(created.body()).isEqualTo(201);
        assertThat(json(created).path("warmupEnabled").asBoolean()).as("no IMAP: not in the warmup exchange").isFalse();

        String held = sendCold(json(created).path("id").asText(), "carl@coldco.test", "prospect3@example.org");

        await(Duration.ofSeconds(20), "held until its working day", () -> message(held).path("status").asText().equals("deferred"));
        assertThat(lastDetail(held)).contains("outside the working hours");
    }

    @Test
    @Order(4)
    void onceTodaysColdEmailCapIsUsedTheRestWaitsForTheNextWorkingDay() {
        platform.mailSink().ensureUser("dora@coldco.test", "pw-dora");
        HttpResponse<String> created = post(platform, "/v1/mailboxes", "{\"email\":\"dora@coldco.test\",\"smtp\":{\"host\":\"127.0.0.1\","
                + "\"port\":" + platform.mailSink().smtpPort() + ",\"username\":\"dora@coldco.test\",\"password\":\"pw-dora\",\"tls\":false},"
                + "\"timezone\":\"" + zone + "\",\"workingHours\":{\"start\":\"00:00\",\"end\":\"24:00\",\"days\":" + ALL_DAYS + "},"
                + "\"warmup\":{\"maxColdEmailsPerDay\":1}}", "Authorization", auth, "Content-Type", JSON);
        assertThat(created.statusCode()).as(created.body()).isEqualTo(201);
        String dora = json(created).path("id").asText();

        String first = sendCold(dora, "dora@coldco.test", "prospect5@example.org");
        await(Duration.ofSeconds(20), "the first within the cap", () -> message(first).path("status").asText().equals("sent"));
        String second = sendCold(dora, "dora@coldco.test", "prospect6@example.org");

        await(Duration.ofSeconds(20), "the second over the cap", () -> message(second).path("status").asText().equals("deferred"));
        assertThat(lastDetail(second)).contains("used today's cold-email cap of 1");
        assertThat(json(get(platform, "/v1/mailboxes/" + dora, "Authorization", auth)).path("coldEmailsSentToday").asInt()).isEqualTo(1);
    }

    @Test
    @Order(5)
    void enrolledMailboxesExchangeWarmupMailThatIsRescuedMarkedAndAnsweredAtTheReplyRate() throws Exception {
        // Bob's provider put a warmup mail from Ann into spam.
        MimeMessage spam = new MimeMessage(Session.getInstance(new Properties())) {
            @Override
            protected void updateMessageID() {
                // keep the Message-ID set below
            }
        };
        spam.setFrom(new InternetAddress(A));
        spam.setRecipients(Message.RecipientType.TO, B);
        spam.setSubject("Rescue me");
        spam.setHeader("X-PM-Warmup", "1");
        spam.setHeader("Message-ID", "<spam-test-1@coldco.test>");
        spam.setText("hello");
        withFolder(B, PASSWORD_B, "Spam", true, folder -> folder.appendMessages(new Message[] {spam}));
        advance(Duration.ofSeconds(301)); // past the cold emails' send gap

        for (int run = 0; run < 2; run++) {
            HttpResponse<String> ran = post(platform, "/_local/schedules/mailbox-warmup/run", "");
            assertThat(ran.statusCode()).as(ran.body()).isEqualTo(200);
        }

        List<CapturedMessage> warmup = platform.mailSink().messages().stream().filter(m -> m.headers().containsKey("X-PM-Warmup")).toList();
        List<CapturedMessage> originalsAtoB = warmup.stream().filter(m -> isOriginal(m) && m.from().contains(A) && m.to().contains(B)).toList();
        List<CapturedMessage> originalsBtoA = warmup.stream().filter(m -> isOriginal(m) && m.from().contains(B) && m.to().contains(A)).toList();
        List<CapturedMessage> repliesByB = warmup.stream().filter(m -> !isOriginal(m) && m.from().contains(B)).toList();
        List<CapturedMessage> repliesByA = warmup.stream().filter(m -> !isOriginal(m) && m.from().contains(A)).toList();
        assertThat(originalsAtoB).as("Ann wrote to Bob").isNotEmpty();
        assertThat(originalsBtoA).as("Bob wrote to Ann").isNotEmpty();
        assertThat(repliesByA).as("Ann's reply rate is 0").isEmpty();
        List<String> answered = repliesByB.stream().map(m -> m.headers().get("In-Reply-To").get(0)).toList();
        List<String> expected = new ArrayList<>(originalsAtoB.stream().map(CapturedMessage::messageId).toList());
        expected.add("<spam-test-1@coldco.test>");
        assertThat(answered).as("Bob's reply rate is 1: every warmup mail from Ann, the rescued one too, once").containsExactlyInAnyOrderElementsOf(expected);
        assertThat(repliesByB).allSatisfy(r -> assertThat(r.subject()).startsWith("Re: "));

        withFolder(B, PASSWORD_B, "Spam", false, folder -> assertThat(folder.getMessageCount()).as("rescued from spam").isZero());
        withFolder(B, PASSWORD_B, "INBOX", false, folder -> assertReadAndImportant(folder, 1 + originalsAtoB.size()));
        withFolder(A, PASSWORD_A, "INBOX", false, folder -> assertReadAndImportant(folder, originalsBtoA.size() + repliesByB.size()));

        HttpResponse<String> messages = get(platform, "/v1/messages?limit=200", "Authorization", auth);
        assertThat(json(messages).path("data")).as("warmup mail is never a message").hasSize(coldMessageIds.size());
    }

    @Test
    @Order(6)
    void theWarmupViewShowsCapsAndUseAndPauseStopsTheMailbox() {
        JsonNode a = json(get(platform, "/v1/mailboxes/" + mailboxA + "/warmup", "Authorization", auth));
        assertThat(a.path("capToday").asInt()).isEqualTo(2);
        assertThat(a.path("usedToday").asInt()).isBetween(1, 2);
        assertThat(a.path("repliesSentToday").asInt()).isZero();
        assertThat(a.path("coldEmailCapToday").asInt()).isEqualTo(40);
        assertThat(a.path("coldEmailsSentToday").asInt()).isEqualTo(2);
        assertThat(a.path("status").asText()).isEqualTo("warming");
        assertThat(a.path("step").asInt()).isZero();
        assertThat(a.path("health").path("sent").asInt()).isGreaterThanOrEqualTo(3);
        JsonNode b = json(get(platform, "/v1/mailboxes/" + mailboxB + "/warmup", "Authorization", auth));
        assertThat(b.path("repliesSentToday").asInt()).isGreaterThanOrEqualTo(2);

        HttpResponse<String> paused = post(platform, "/v1/mailboxes/" + mailboxA + "/pause", "{\"reason\":\"a prospect complained\"}",
                "Authorization", auth, "Content-Type", JSON);
        assertThat(paused.statusCode()).as(paused.body()).isEqualTo(200);
        assertThat(json(paused).path("capToday").asInt()).isZero();
        assertThat(json(paused).path("coldEmailCapToday").asInt()).isZero();
        assertThat(json(paused).path("status").asText()).isEqualTo("paused");
        assertThat(json(paused).path("history").toString()).contains("a prospect complained");

        String held = sendCold(mailboxA, A, "prospect4@example.org");
        await(Duration.ofSeconds(20), "held while paused", () -> message(held).path("status").asText().equals("deferred"));
        assertThat(lastDetail(held)).contains("is paused");

        HttpResponse<String> resumed = post(platform, "/v1/mailboxes/" + mailboxA + "/resume", "", "Authorization", auth);
        assertThat(json(resumed).path("capToday").asInt()).isEqualTo(2);
        assertThat(json(resumed).path("coldEmailCapToday").asInt()).isEqualTo(40);
    }

    private static HttpResponse<String> createMailbox(String email, String name, String password, double replyRate) {
        int smtp = platform.mailSink().smtpPort();
        int imap = platform.mailSink().imapPort();
        return post(platform, "/v1/mailboxes", "{\"email\":\"" + email + "\",\"name\":\"" + name + "\","
                + "\"smtp\":{\"host\":\"127.0.0.1\",\"port\":" + smtp + ",\"username\":\"" + email + "\",\"password\":\"" + password + "\",\"tls\":false},"
                + "\"imap\":{\"host\":\"127.0.0.1\",\"port\":" + imap + "},\"timezone\":\"" + zone + "\","
                + "\"workingHours\":{\"start\":\"00:00\",\"end\":\"24:00\",\"days\":" + ALL_DAYS + "},\"replyRate\":" + replyRate + "}",
                "Authorization", auth, "Content-Type", JSON);
    }

    private static String sendCold(String mailbox, String from, String to) {
        HttpResponse<String> sent = post(platform, "/v1/messages", "{\"from\":\"" + from + "\",\"to\":\"" + to + "\",\"subject\":\"Quick idea\","
                + "\"text\":\"Hi, a quick idea for you.\",\"mailbox\":\"" + mailbox + "\"}", "Authorization", auth, "Content-Type", JSON);
        assertThat(sent.statusCode()).as(sent.body()).isEqualTo(202);
        String id = json(sent).path("id").asText();
        coldMessageIds.add(id);
        return id;
    }

    private static JsonNode message(String id) {
        return json(get(platform, "/v1/messages/" + id, "Authorization", auth));
    }

    private static String lastDetail(String id) {
        JsonNode timeline = message(id).path("timeline");
        return timeline.get(timeline.size() - 1).path("detail").asText();
    }

    private static List<CapturedMessage> sinkMessagesTo(String recipient) {
        return platform.mailSink().messages().stream().filter(m -> m.to().contains(recipient)).toList();
    }

    private static boolean isOriginal(CapturedMessage message) {
        return !message.headers().containsKey("X-PM-Warmup-Reply");
    }

    private static void advance(Duration amount) {
        HttpResponse<String> moved = post(platform, "/_local/clock/advance", "{\"seconds\":" + amount.toSeconds() + "}", "Content-Type", JSON);
        assertThat(moved.statusCode()).isEqualTo(200);
    }

    private static void awaitQuietly(Duration timeout, java.util.function.BooleanSupplier condition) {
        try {
            await(timeout, "", condition);
        } catch (AssertionError e) {
            // the caller checks
        }
    }

    private static void assertReadAndImportant(Folder folder, int expectedWarmup) throws Exception {
        List<Message> warmup = new ArrayList<>();
        for (Message message : folder.getMessages()) {
            if (message.getHeader("X-PM-Warmup") != null) {
                warmup.add(message);
            }
        }
        assertThat(warmup).hasSize(expectedWarmup);
        for (Message message : warmup) {
            assertThat(message.isSet(Flags.Flag.SEEN)).as("read: %s", message.getSubject()).isTrue();
            assertThat(message.isSet(Flags.Flag.FLAGGED)).as("important: %s", message.getSubject()).isTrue();
        }
    }

    private interface FolderWork {
        void accept(Folder folder) throws Exception;
    }

    private static void withFolder(String user, String password, String name, boolean create, FolderWork work) throws Exception {
        try (Store store = Session.getInstance(new Properties()).getStore("imap")) {
            store.connect("127.0.0.1", platform.mailSink().imapPort(), user, password);
            Folder folder = store.getFolder(name);
            if (create && !folder.exists()) {
                folder.create(Folder.HOLDS_MESSAGES);
            }
            folder.open(Folder.READ_WRITE);
            try {
                work.accept(folder);
            } finally {
                folder.close(false);
            }
        }
    }
}
