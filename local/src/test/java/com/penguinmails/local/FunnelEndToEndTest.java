package com.penguinmails.local;

import static com.penguinmails.local.TestPlatforms.await;
import static com.penguinmails.local.TestPlatforms.get;
import static com.penguinmails.local.TestPlatforms.json;
import static com.penguinmails.local.TestPlatforms.post;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.penguinmails.embedded.CapturedMessage;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;

/**
 * The cross-channel funnel as a user meets it on the whole local platform: three emails of a campaign sent through
 * the API and delivered to the sink (one opened by its reader, one only by a privacy proxy), then a batch of
 * LinkedIn, call, SMS and email-reply events through {@code POST /v1/channel-events}; {@code GET /v1/analytics/funnel}
 * counts every contact once at its furthest stage, in total and per channel, with exact conversions and first times.
 * The same batch posted again changes nothing; another workspace sees nothing of the campaign. The steps build on
 * each other. Every time is taken from the platform's clock.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class FunnelEndToEndTest {

    private static final String JSON = "application/json";
    private static final String CAMPAIGN = "cmp_funnel";
    private static final Pattern OPEN = Pattern.compile("https?://[^\"'\\s>]+/t/open/[A-Za-z0-9._~-]+");
    private static final String BROWSER = "Mozilla/5.0 (Macintosh; Intel Mac OS X 14_5) AppleWebKit/605.1.15 (KHTML, like Gecko) Version/17.5 Safari/605.1.15";
    private static final AtomicInteger FUNNEL_WRITES = new AtomicInteger();
    private static LocalPlatform platform;
    private static String auth;
    private static final Map<String, String> messageIds = new HashMap<>();
    /** An hour before the platform's clock at the start: every channel event is this plus some minutes. */
    private static Instant base;
    private static String batch;
    private static List<String> eventIds;
    private static JsonNode before;

    @BeforeAll
    static void start() {
        platform = LocalPlatform.builder().port(0).invocationListener(invocation -> {
            if (invocation.function().equals("funnel-writer")) {
                FUNNEL_WRITES.incrementAndGet();
            }
        }).start();
        auth = "Bearer " + platform.ownerApiKey().orElseThrow();
        base = platform.clock().instant().truncatedTo(ChronoUnit.SECONDS).minus(Duration.ofHours(1));
    }

    @AfterAll
    static void stop() {
        if (platform != null) {
            platform.close();
        }
    }

    @Test
    @Order(1)
    void emailAndOtherChannelsMeetInOneFunnelCountedAtEachContactsFurthestStage() {
        TestPlatforms.verifiedDomain(platform, auth, "funnel.test");
        String pool = TestPlatforms.ipPool(platform, auth, "funnel", "198.51.100.70", 50);
        sendMail(pool, List.of("ann@example.org", "bo@example.org", "eve@example.org"));
        await(Duration.ofSeconds(40), "three mails in the sink, delivered", () -> platform.mailSink().messages().size() == 3
                && messageIds.values().stream().allMatch(id -> status(id).equals("delivered")));
        // A privacy proxy fetches eve's pixel on delivery (no engagement); ann's reader opens a minute later.
        hit(mailTo("eve@example.org"), "Mozilla/5.0");
        advance(60);
        hit(mailTo("ann@example.org"), BROWSER);

        batch = "{\"events\":["
                + event("linkedin", "connected", "ann@example.org", CAMPAIGN, 0, "li-ann-1") + ","
                + event("linkedin", "replied", "ANN@example.org", CAMPAIGN, 10, "li-ann-2") + ","
                + event("call", "meeting-booked", "ann@example.org", CAMPAIGN, 20, "call-ann-1") + ","
                + event("email", "replied", "bo@example.org", CAMPAIGN, 30, "em-bo-1") + ","
                + event("linkedin", "sent", "cy@example.org", CAMPAIGN, 1, "li-cy-1") + ","
                + event("linkedin", "connected", "cy@example.org", CAMPAIGN, 2, "li-cy-2") + ","
                + event("sms", "replied", "cy@example.org", CAMPAIGN, 40, "sms-cy-1") + ","
                // Same idempotencyId in the same body: a duplicate, not published, so cy does not reach a meeting.
                + event("sms", "meeting-booked", "cy@example.org", CAMPAIGN, 41, "sms-cy-1") + ","
                + event("sms", "sent", "crm:0042", CAMPAIGN, 3, "sms-42-1") + ","
                + event("sms", "delivered", "crm:0042", CAMPAIGN, 4, "sms-42-2") + ","
                // A custom type is kept in the event log but moves no one.
                + event("sms", "note", "crm:0042", CAMPAIGN, 5, "sms-42-3") + ","
                + event("linkedin", "replied", "dan@example.org", "cmp_other", 6, "li-dan-1") + ","
                + event("whatsapp", "replied", "fay@example.org", null, 7, "wa-fay-1")
                + "]}";
        HttpResponse<String> submitted = post(platform, "/v1/channel-events", batch, "Authorization", auth, "Content-Type", JSON);
        assertThat(submitted.statusCode()).as(submitted.body()).isEqualTo(202);
        JsonNode answer = json(submitted);
        assertThat(answer.path("accepted").asLong()).isEqualTo(12);
        assertThat(answer.path("duplicates").asLong()).isEqualTo(1);
        assertThat(answer.path("rejected").asLong()).isZero();
        assertThat(answer.path("results").get(7).path("status").asText()).isEqualTo("duplicate");
        assertThat(answer.path("results").get(7).path("eventId").asText()).isEqualTo(answer.path("results").get(6).path("eventId").asText());
        eventIds = ids(answer);

        JsonNode funnel = funnelUntil(auth, CAMPAIGN, f -> f.path("totals").path("reached").asLong() == 5
                && f.path("totals").path("meeting").asLong() == 1 && f.path("byChannel").path("email").path("engaged").asLong() == 2);
        assertThat(funnel.path("campaignId").asText()).isEqualTo(CAMPAIGN);
        // ann meeting; bo and cy replied; eve and crm:0042 reached.
        assertCounts(funnel.path("totals"), 5, 3, 3, 1, 0.6, 1.0, 0.3333, 0.2);
        assertThat(fieldNames(funnel.path("byChannel"))).containsExactly("call", "email", "linkedin", "sms");
        assertCounts(funnel.path("byChannel").path("email"), 3, 2, 1, 0, 0.6667, 0.5, 0.0, 0.0);
        assertCounts(funnel.path("byChannel").path("linkedin"), 2, 2, 1, 0, 1.0, 0.5, 0.0, 0.0);
        assertCounts(funnel.path("byChannel").path("call"), 1, 1, 1, 1, 1.0, 1.0, 1.0, 1.0);
        assertCounts(funnel.path("byChannel").path("sms"), 2, 1, 1, 0, 0.5, 1.0, 0.0, 0.0);

        JsonNode contacts = funnel.path("contacts").path("data");
        assertThat(contacts.findValuesAsText("contact"))
                .containsExactly("ann@example.org", "bo@example.org", "crm:0042", "cy@example.org", "eve@example.org");
        assertThat(funnel.path("contacts").has("nextCursor")).isFalse();
        Map<String, String> stages = new HashMap<>();
        contacts.forEach(c -> stages.put(c.path("contact").asText(), c.path("stage").asText()));
        assertThat(stages).containsExactlyInAnyOrderEntriesOf(Map.of("ann@example.org", "meeting", "bo@example.org", "replied",
                "crm:0042", "reached", "cy@example.org", "replied", "eve@example.org", "reached"));

        JsonNode ann = contacts.get(0);
        assertThat(fieldNames(ann.path("channels"))).containsExactly("call", "email", "linkedin");
        // Reached and engaged first on LinkedIn (before the mail was sent), replied there, the meeting by call.
        assertThat(time(ann, "reachedAt")).isEqualTo(base);
        assertThat(time(ann, "engagedAt")).isEqualTo(base);
        assertThat(time(ann, "repliedAt")).isEqualTo(base.plus(Duration.ofMinutes(10)));
        assertThat(time(ann, "meetingAt")).isEqualTo(base.plus(Duration.ofMinutes(20)));
        JsonNode linkedin = ann.path("channels").path("linkedin");
        assertThat(linkedin.path("stage").asText()).isEqualTo("replied");
        assertThat(time(linkedin, "reachedAt")).isEqualTo(base);
        assertThat(time(linkedin, "engagedAt")).isEqualTo(base);
        assertThat(time(linkedin, "repliedAt")).isEqualTo(base.plus(Duration.ofMinutes(10)));
        assertThat(linkedin.has("meetingAt")).isFalse();
        JsonNode call = ann.path("channels").path("call");
        assertThat(call.path("stage").asText()).isEqualTo("meeting");
        for (String stage : List.of("reachedAt", "engagedAt", "repliedAt", "meetingAt")) {
            assertThat(time(call, stage)).as(stage).isEqualTo(base.plus(Duration.ofMinutes(20)));
        }
        JsonNode email = ann.path("channels").path("email");
        assertThat(email.path("stage").asText()).isEqualTo("engaged");
        assertThat(time(email, "reachedAt")).isAfterOrEqualTo(base.plus(Duration.ofHours(1)));
        assertThat(time(email, "engagedAt")).as("the reader's open, a minute after delivery")
                .isAfterOrEqualTo(time(email, "reachedAt").plusSeconds(60));
        assertThat(email.has("repliedAt")).isFalse();

        JsonNode eve = contacts.get(4);
        assertThat(fieldNames(eve.path("channels"))).containsExactly("email");
        assertThat(eve.path("channels").path("email").path("stage").asText()).as("the proxy's open is no engagement").isEqualTo("reached");
        assertThat(eve.has("engagedAt")).isFalse();
        JsonNode crm = contacts.get(2);
        assertThat(time(crm, "reachedAt")).isEqualTo(base.plus(Duration.ofMinutes(3)));
        JsonNode cy = contacts.get(3);
        assertThat(fieldNames(cy.path("channels"))).containsExactly("linkedin", "sms");
        assertThat(time(cy, "repliedAt")).isEqualTo(base.plus(Duration.ofMinutes(40)));
        assertThat(cy.has("meetingAt")).isFalse();

        // Paged in contact order; the cursor continues where the page ended.
        JsonNode first = json(get(platform, "/v1/analytics/funnel?campaignId=" + CAMPAIGN + "&limit=2", "Authorization", auth));
        assertThat(first.path("contacts").path("data").findValuesAsText("contact")).containsExactly("ann@example.org", "bo@example.org");
        assertThat(first.path("totals")).as("totals count the whole campaign, whatever the page").isEqualTo(funnel.path("totals"));
        String cursor = first.path("contacts").path("nextCursor").asText();
        assertThat(cursor).isNotBlank();
        JsonNode second = json(get(platform, "/v1/analytics/funnel?campaignId=" + CAMPAIGN + "&limit=2&cursor=" + cursor, "Authorization", auth));
        assertThat(second.path("contacts").path("data").findValuesAsText("contact")).containsExactly("crm:0042", "cy@example.org");

        JsonNode other = json(get(platform, "/v1/analytics/funnel?campaignId=cmp_other", "Authorization", auth));
        assertCounts(other.path("totals"), 1, 1, 1, 0, 1.0, 1.0, 0.0, 0.0);
        assertThat(other.path("contacts").path("data").findValuesAsText("contact")).containsExactly("dan@example.org");
        before = funnel;
    }

    @Test
    @Order(2)
    void theSameBatchPostedAgainPublishesTheSameEventsAndChangesNothing() {
        int writesBefore = FUNNEL_WRITES.get();
        HttpResponse<String> again = post(platform, "/v1/channel-events", batch, "Authorization", auth, "Content-Type", JSON);
        assertThat(again.statusCode()).as(again.body()).isEqualTo(202);
        assertThat(json(again).path("accepted").asLong()).isEqualTo(12);
        assertThat(ids(json(again))).isEqualTo(eventIds);
        // The events were published again (synchronously, into the funnel queue): wait for the writer to take them.
        await(Duration.ofSeconds(30), "funnel-writer ran on the repeated batch and its queue drained",
                () -> FUNNEL_WRITES.get() > writesBefore && drained("funnel"));
        assertThat(json(get(platform, "/v1/analytics/funnel?campaignId=" + CAMPAIGN, "Authorization", auth))).isEqualTo(before);
        assertThat(deadLetters("funnel")).isZero();
    }

    @Test
    @Order(3)
    void anotherWorkspaceSeesNothingOfTheCampaignAndItsOwnEventsStayItsOwn() {
        HttpResponse<String> created = post(platform, "/v1/workspaces", "{\"name\":\"Globex\",\"owner\":{\"email\":\"hank@globex.test\"}}",
                "Authorization", "Bearer " + platform.operatorKey(), "Content-Type", JSON);
        assertThat(created.statusCode()).as(created.body()).isEqualTo(201);
        String otherKey = "Bearer " + json(created).path("apiKey").path("secret").asText();

        HttpResponse<String> theirs = get(platform, "/v1/analytics/funnel?campaignId=" + CAMPAIGN, "Authorization", otherKey);
        assertThat(theirs.statusCode()).as(theirs.body()).isEqualTo(200);
        assertEmpty(json(theirs));

        // The same idempotencyId in another workspace is another event, in that workspace's funnel only.
        HttpResponse<String> own = post(platform, "/v1/channel-events", event("linkedin", "sent", "zed@example.org", CAMPAIGN, 8, "li-ann-1"),
                "Authorization", otherKey, "Content-Type", JSON);
        assertThat(own.statusCode()).as(own.body()).isEqualTo(202);
        assertThat(json(own).path("results").get(0).path("eventId").asText()).isNotIn(eventIds);
        JsonNode theirFunnel = funnelUntil(otherKey, CAMPAIGN, f -> f.path("totals").path("reached").asLong() == 1);
        assertCounts(theirFunnel.path("totals"), 1, 0, 0, 0, 0.0, null, null, 0.0);
        assertThat(theirFunnel.path("contacts").path("data").findValuesAsText("contact")).containsExactly("zed@example.org");
        await(Duration.ofSeconds(30), "the funnel queue drained", () -> drained("funnel"));
        assertThat(json(get(platform, "/v1/analytics/funnel?campaignId=" + CAMPAIGN, "Authorization", auth))).isEqualTo(before);

        HttpResponse<String> missing = get(platform, "/v1/analytics/funnel", "Authorization", auth);
        assertThat(missing.statusCode()).isEqualTo(400);
        assertThat(json(missing).path("type").asText()).endsWith("/invalid-field");
    }

    private static void assertEmpty(JsonNode funnel) {
        assertCounts(funnel.path("totals"), 0, 0, 0, 0, null, null, null, null);
        assertThat(funnel.path("byChannel").isEmpty()).as(funnel.toString()).isTrue();
        assertThat(funnel.path("contacts").path("data").isEmpty()).as(funnel.toString()).isTrue();
    }

    /** Exact counts and conversions; a null conversion must be absent, as the API documents. */
    private static void assertCounts(JsonNode counts, long reached, long engaged, long replied, long meeting, Double engagedFromReached,
                                     Double repliedFromEngaged, Double meetingFromReplied, Double meetingFromReached) {
        assertThat(counts.path("reached").asLong()).as("reached in " + counts).isEqualTo(reached);
        assertThat(counts.path("engaged").asLong()).as("engaged in " + counts).isEqualTo(engaged);
        assertThat(counts.path("replied").asLong()).as("replied in " + counts).isEqualTo(replied);
        assertThat(counts.path("meeting").asLong()).as("meeting in " + counts).isEqualTo(meeting);
        Map<String, Double> expected = new HashMap<>();
        expected.put("engagedFromReached", engagedFromReached);
        expected.put("repliedFromEngaged", repliedFromEngaged);
        expected.put("meetingFromReplied", meetingFromReplied);
        expected.put("meetingFromReached", meetingFromReached);
        expected.forEach((name, value) -> {
            JsonNode actual = counts.path("conversion").path(name);
            if (value == null) {
                assertThat(actual.isMissingNode()).as(name + " absent in " + counts).isTrue();
            } else {
                assertThat(actual.isNumber()).as(name + " in " + counts).isTrue();
                assertThat(actual.asDouble()).as(name + " in " + counts).isEqualTo(value);
            }
        });
    }

    private static String event(String channel, String type, String contact, String campaignId, int minutes, String idempotencyId) {
        return "{\"channel\":\"" + channel + "\",\"type\":\"" + type + "\",\"contact\":\"" + contact + "\","
                + (campaignId == null ? "" : "\"campaignId\":\"" + campaignId + "\",")
                + "\"occurredAt\":\"" + base.plus(Duration.ofMinutes(minutes)) + "\",\"idempotencyId\":\"" + idempotencyId + "\"}";
    }

    private static List<String> ids(JsonNode answer) {
        List<String> ids = new ArrayList<>();
        answer.path("results").forEach(r -> ids.add(r.path("eventId").asText()));
        return ids;
    }

    private static List<String> fieldNames(JsonNode node) {
        List<String> names = new ArrayList<>();
        node.fieldNames().forEachRemaining(names::add);
        return names;
    }

    private static Instant time(JsonNode node, String field) {
        assertThat(node.path(field).isTextual()).as(field + " in " + node).isTrue();
        return Instant.parse(node.path(field).asText());
    }

    /** Polls the funnel until {@code done} holds (entries appear seconds after the events). */
    private static JsonNode funnelUntil(String authorization, String campaign, java.util.function.Predicate<JsonNode> done) {
        JsonNode[] last = new JsonNode[1];
        try {
            await(Duration.ofSeconds(40), "the funnel of " + campaign, () -> {
                HttpResponse<String> response = get(platform, "/v1/analytics/funnel?campaignId=" + campaign, "Authorization", authorization);
                assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
                last[0] = json(response);
                return done.test(last[0]) && drained("funnel");
            });
        } catch (AssertionError e) {
            throw new AssertionError(e.getMessage() + "; last: " + last[0], e);
        }
        // Once the queue is empty, read once more: what the test asserts is the settled funnel.
        return json(get(platform, "/v1/analytics/funnel?campaignId=" + campaign, "Authorization", authorization));
    }

    private static void sendMail(String pool, List<String> recipients) {
        StringBuilder list = new StringBuilder();
        recipients.forEach(to -> list.append(list.length() == 0 ? "" : ",").append("{\"to\":\"").append(to).append("\"}"));
        HttpResponse<String> sent = post(platform, "/v1/messages/batch", "{\"from\":\"news@funnel.test\",\"subject\":\"Hi\","
                + "\"html\":\"<p>Hi</p>\",\"text\":\"Hi\",\"campaignId\":\"" + CAMPAIGN + "\",\"recipients\":[" + list + "],\"ipPool\":\""
                + pool + "\",\"trackOpens\":true}", "Authorization", auth, "Content-Type", JSON);
        assertThat(sent.statusCode()).as(sent.body()).isEqualTo(202);
        json(sent).path("results").forEach(r -> messageIds.put(r.path("to").asText(), r.path("messageId").asText()));
    }

    private static String status(String messageId) {
        return json(get(platform, "/v1/messages/" + messageId, "Authorization", auth)).path("status").asText();
    }

    private static String mailTo(String recipient) {
        return platform.mailSink().messages().stream().filter(m -> m.to().contains(recipient)).map(CapturedMessage::html)
                .findFirst().orElseThrow();
    }

    private static void hit(String html, String userAgent) {
        Matcher matcher = OPEN.matcher(html);
        assertThat(matcher.find()).as("an open pixel in %s", html).isTrue();
        HttpResponse<String> response = TestPlatforms.send(TestPlatforms.requestTo(matcher.group()).header("User-Agent", userAgent).GET().build());
        assertThat(response.statusCode()).as(matcher.group()).isEqualTo(200);
    }

    private static boolean drained(String queue) {
        return platform.sqs().getQueueAttributes(r -> r.queueUrl(platform.queueUrl(queue)).attributeNamesWithStrings(
                "ApproximateNumberOfMessages", "ApproximateNumberOfMessagesNotVisible")).attributesAsStrings().values().stream().allMatch("0"::equals);
    }

    private static long deadLetters(String queue) {
        return Long.parseLong(platform.sqs().getQueueAttributes(r -> r.queueUrl(platform.deadLetterQueueUrl(queue))
                .attributeNamesWithStrings("ApproximateNumberOfMessages")).attributesAsStrings().get("ApproximateNumberOfMessages"));
    }

    private static void advance(int seconds) {
        HttpResponse<String> moved = post(platform, "/_local/clock/advance", "{\"seconds\":" + seconds + "}", "Content-Type", JSON);
        assertThat(moved.statusCode()).as(moved.body()).isEqualTo(200);
    }
}
