package com.penguinmails.local;

import static com.penguinmails.local.TestPlatforms.await;
import static com.penguinmails.local.TestPlatforms.get;
import static com.penguinmails.local.TestPlatforms.json;
import static com.penguinmails.local.TestPlatforms.post;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import jakarta.mail.Flags;
import jakarta.mail.Folder;
import jakarta.mail.Message;
import jakarta.mail.Session;
import jakarta.mail.Store;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Properties;
import java.util.function.Predicate;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Inbox placement on the whole local platform: a placement test from one mailbox to the workspace's seed (its other
 * mailbox, enrolled in warmup); the seed's "provider" files the copy as spam (the test moves it there over IMAP); the
 * warmup run finds it there, rescues it, and the test, a second run, the placement report and another workspace all
 * say what they should.
 */
class PlacementEndToEndTest {

    private static final String JSON = "application/json";
    private static final String SENDER = "sam@placeco.test";
    private static final String SEED = "seed@placeco.test";
    private static final String PASSWORD_SENDER = "pw-Sam-7c6b5a4d3e";
    private static final String PASSWORD_SEED = "pw-Seed-2b3c4d5e6f";
    private static final String ALL_DAYS = "[\"MON\",\"TUE\",\"WED\",\"THU\",\"FRI\",\"SAT\",\"SUN\"]";

    private static LocalPlatform platform;
    private static String auth;
    private static String zone;

    @BeforeAll
    static void start() {
        platform = LocalPlatform.builder().port(0).start();
        auth = "Bearer " + platform.ownerApiKey().orElseThrow();
        zone = TestPlatforms.zoneAtNoon(platform);
        platform.mailSink().ensureUser(SENDER, PASSWORD_SENDER);
        platform.mailSink().ensureUser(SEED, PASSWORD_SEED);
        TestPlatforms.verifiedDomain(platform, auth, "placeco.test");
    }

    @AfterAll
    static void stop() {
        if (platform != null) {
            platform.close();
        }
    }

    @Test
    void aPlacementTestReportsTheFolderEachSeedFoundItsCopyInAndAnalyticsCountsIt() throws Exception {
        String sender = createMailbox(SENDER, PASSWORD_SENDER, false);
        String seed = createMailbox(SEED, PASSWORD_SEED, true);

        HttpResponse<String> noContent = post(platform, "/v1/placement-tests", "{\"fromMailboxId\":\"" + sender + "\",\"subject\":\"Hi\"}",
                "Authorization", auth, "Content-Type", JSON);
        assertThat(noContent.statusCode()).as(noContent.body()).isEqualTo(400);
        assertThat(json(noContent).path("field").asText()).isEqualTo("text");
        HttpResponse<String> fromTheSeedAlone = post(platform, "/v1/placement-tests", "{\"fromMailboxId\":\"" + seed + "\",\"subject\":\"Hi\","
                + "\"text\":\"x\"}", "Authorization", auth, "Content-Type", JSON);
        assertThat(fromTheSeedAlone.statusCode()).as("the only seed cannot test itself: " + fromTheSeedAlone.body()).isEqualTo(422);

        HttpResponse<String> created = post(platform, "/v1/placement-tests", "{\"fromMailboxId\":\"" + sender + "\",\"subject\":\"Our spring offer\","
                + "\"text\":\"Hello, a quick note about spring.\",\"html\":\"<p>Hello, a quick note about <b>spring</b>.</p>\"}",
                "Authorization", auth, "Content-Type", JSON);
        assertThat(created.statusCode()).as(created.body()).isEqualTo(201);
        JsonNode test = json(created);
        String testId = test.path("id").asText();
        assertThat(test.path("status").asText()).isEqualTo("running");
        assertThat(test.path("copies")).hasSize(1);
        assertThat(test.path("copies").get(0).path("seedMailboxId").asText()).isEqualTo(seed);
        assertThat(test.path("copies").get(0).path("status").asText()).isEqualTo("pending");

        await(Duration.ofSeconds(20), "the copy in the seed's inbox", () -> countIn(SEED, PASSWORD_SEED, "INBOX") == 1);
        // The seed's provider decides it is spam.
        moveAll(SEED, PASSWORD_SEED, "INBOX", "Junk");

        for (int run = 0; run < 2; run++) {
            HttpResponse<String> ran = post(platform, "/_local/schedules/mailbox-warmup/run", "");
            assertThat(ran.statusCode()).as(ran.body()).isEqualTo(200);
        }

        JsonNode after = json(get(platform, "/v1/placement-tests/" + testId, "Authorization", auth));
        assertThat(after.path("status").asText()).isEqualTo("complete");
        assertThat(after.path("copies").get(0).path("status").asText()).isEqualTo("spam");
        assertThat(after.path("summary").path("byStatus").path("spam").asInt()).isEqualTo(1);
        assertThat(after.path("summary").path("inboxRate").asDouble()).isZero();
        assertThat(after.path("byProvider").path("other").path("copies").asInt()).isEqualTo(1);
        assertThat(countIn(SEED, PASSWORD_SEED, "Junk")).as("rescued from junk").isZero();
        assertThat(countIn(SEED, PASSWORD_SEED, "INBOX")).isEqualTo(1);

        JsonNode list = json(get(platform, "/v1/placement-tests", "Authorization", auth));
        assertThat(list.path("data")).hasSize(1);
        assertThat(list.path("data").get(0).path("id").asText()).isEqualTo(testId);

        JsonNode report = foldedUntil("/v1/analytics/placement?groupBy=mailbox", r -> r.path("totals").path("observed").asLong() >= 1);
        assertThat(report.path("totals").path("spam").asLong()).as("read twice, counted once").isEqualTo(1);
        assertThat(report.path("totals").path("observed").asLong()).isEqualTo(1);
        assertThat(report.path("totals").path("inboxPlacementRate").asDouble()).isZero();
        assertThat(report.path("groups")).hasSize(1);
        assertThat(report.path("groups").get(0).path("key").path("mailbox").asText()).isEqualTo(sender);
        HttpResponse<String> badGrouping = get(platform, "/v1/analytics/placement?groupBy=campaign", "Authorization", auth);
        assertThat(badGrouping.statusCode()).isEqualTo(400);
        assertThat(json(badGrouping).path("detail").asText()).contains("mailbox, ip, domain, provider");

        HttpResponse<String> other = post(platform, "/v1/workspaces", "{\"name\":\"Globex\",\"owner\":{\"email\":\"hank@globex.test\"}}",
                "Authorization", "Bearer " + platform.operatorKey(), "Content-Type", JSON);
        assertThat(other.statusCode()).as(other.body()).isEqualTo(201);
        String otherKey = "Bearer " + json(other).path("apiKey").path("secret").asText();
        assertThat(get(platform, "/v1/placement-tests/" + testId, "Authorization", otherKey).statusCode()).isEqualTo(404);
        assertThat(json(get(platform, "/v1/placement-tests", "Authorization", otherKey)).path("data")).isEmpty();
        assertThat(json(get(platform, "/v1/analytics/placement", "Authorization", otherKey)).path("totals").path("observed").asLong()).isZero();
        HttpResponse<String> theirMailbox = post(platform, "/v1/placement-tests", "{\"fromMailboxId\":\"" + sender + "\",\"subject\":\"Hi\","
                + "\"text\":\"x\"}", "Authorization", otherKey, "Content-Type", JSON);
        assertThat(theirMailbox.statusCode()).isEqualTo(404);
    }

    private static String createMailbox(String email, String password, boolean warmup) {
        int smtp = platform.mailSink().smtpPort();
        int imap = platform.mailSink().imapPort();
        HttpResponse<String> created = post(platform, "/v1/mailboxes", "{\"email\":\"" + email + "\","
                + "\"smtp\":{\"host\":\"127.0.0.1\",\"port\":" + smtp + ",\"username\":\"" + email + "\",\"password\":\"" + password + "\",\"tls\":false},"
                + "\"imap\":{\"host\":\"127.0.0.1\",\"port\":" + imap + "},\"timezone\":\"" + zone + "\","
                + "\"workingHours\":{\"start\":\"00:00\",\"end\":\"24:00\",\"days\":" + ALL_DAYS + "},\"replyRate\":0,"
                + "\"warmupEnabled\":" + warmup + "}", "Authorization", auth, "Content-Type", JSON);
        assertThat(created.statusCode()).as(created.body()).isEqualTo(201);
        return json(created).path("id").asText();
    }

    private static JsonNode foldedUntil(String path, Predicate<JsonNode> done) {
        JsonNode report = null;
        for (int round = 0; round < 6; round++) {
            await(Duration.ofSeconds(30), "the roll-up queue drained", PlacementEndToEndTest::rollupsDrained);
            HttpResponse<String> moved = post(platform, "/_local/clock/advance", "{\"seconds\":61}", "Content-Type", JSON);
            assertThat(moved.statusCode()).as(moved.body()).isEqualTo(200);
            report = json(get(platform, path, "Authorization", auth));
            if (done.test(report)) {
                return report;
            }
        }
        throw new AssertionError("the placement counters never reached what was expected: " + report);
    }

    private static boolean rollupsDrained() {
        return platform.sqs().getQueueAttributes(r -> r.queueUrl(platform.queueUrl("rollups")).attributeNamesWithStrings(
                "ApproximateNumberOfMessages", "ApproximateNumberOfMessagesNotVisible")).attributesAsStrings().values().stream().allMatch("0"::equals);
    }

    private static int countIn(String user, String password, String name) {
        try (Store store = Session.getInstance(new Properties()).getStore("imap")) {
            store.connect("127.0.0.1", platform.mailSink().imapPort(), user, password);
            Folder folder = store.getFolder(name);
            if (!folder.exists()) {
                return 0;
            }
            folder.open(Folder.READ_ONLY);
            try {
                int count = 0;
                for (Message message : folder.getMessages()) {
                    if (!message.isSet(Flags.Flag.DELETED)) {
                        count++;
                    }
                }
                return count;
            } finally {
                folder.close(false);
            }
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    private static void moveAll(String user, String password, String from, String to) throws Exception {
        try (Store store = Session.getInstance(new Properties()).getStore("imap")) {
            store.connect("127.0.0.1", platform.mailSink().imapPort(), user, password);
            Folder target = store.getFolder(to);
            if (!target.exists()) {
                target.create(Folder.HOLDS_MESSAGES);
            }
            Folder source = store.getFolder(from);
            source.open(Folder.READ_WRITE);
            Message[] all = source.getMessages();
            source.copyMessages(all, target);
            source.setFlags(all, new Flags(Flags.Flag.DELETED), true);
            source.close(true);
        }
    }
}
