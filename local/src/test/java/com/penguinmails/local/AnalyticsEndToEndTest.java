package com.penguinmails.local;

import static com.penguinmails.local.TestPlatforms.await;
import static com.penguinmails.local.TestPlatforms.get;
import static com.penguinmails.local.TestPlatforms.json;
import static com.penguinmails.local.TestPlatforms.post;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.penguinmails.embedded.CapturedMessage;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Predicate;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;

/**
 * Analytics as a new user meets it on the whole local platform: mail sent through the API, delivered to the sink,
 * opened and clicked through its tracking links, one bounce and one complaint fed as SES would; the KPIs count each
 * once, by campaign and by mailbox provider, with machine opens apart; a redelivered batch of the same platform
 * events changes nothing; bad input is a 400 naming the choices. The steps build on each other.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class AnalyticsEndToEndTest {

    private static final String JSON = "application/json";
    private static final Pattern OPEN = Pattern.compile("https?://[^\"'\\s>]+/t/open/[A-Za-z0-9._~-]+");
    private static final Pattern CLICK = Pattern.compile("https?://[^\"'\\s>]+/t/click/[A-Za-z0-9._~-]+");
    private static final String BROWSER = "Mozilla/5.0 (Macintosh; Intel Mac OS X 14_5) AppleWebKit/605.1.15 (KHTML, like Gecko) Version/17.5 Safari/605.1.15";
    private static LocalPlatform platform;
    private static String auth;
    private static final Map<String, String> messageIds = new HashMap<>();
    private static JsonNode before;

    @BeforeAll
    static void start() {
        platform = LocalPlatform.builder().port(0).start();
        auth = "Bearer " + platform.ownerApiKey().orElseThrow();
    }

    @AfterAll
    static void stop() {
        if (platform != null) {
            platform.close();
        }
    }

    @Test
    @Order(1)
    void sendsOpensClicksBounceAndComplaintAreCountedOnceByCampaignAndProvider() {
        TestPlatforms.verifiedDomain(platform, auth, "acme.test");
        String pool = TestPlatforms.ipPool(platform, auth, "analytics", "198.51.100.60", 50);
        send(pool, "cmp_spring", List.of("ann@gmail.com", "bo@gmail.com", "cy@outlook.com", "di@example.org"));
        send(pool, "cmp_autumn", List.of("ed@yahoo.com", "fi@example.org"));
        await(Duration.ofSeconds(40), "six mails in the sink, delivered", () -> platform.mailSink().messages().size() == 6
                && messageIds.values().stream().allMatch(id -> status(id).equals("delivered")));

        // A privacy proxy fetches the pixel on delivery; the readers open a minute later, ann twice, and ann clicks.
        hit(OPEN, mailTo("ed@yahoo.com"), "Mozilla/5.0", 200);
        advance(60);
        hit(OPEN, mailTo("ann@gmail.com"), BROWSER, 200);
        hit(OPEN, mailTo("ann@gmail.com"), BROWSER, 200);
        hit(OPEN, mailTo("bo@gmail.com"), BROWSER, 200);
        hit(OPEN, mailTo("cy@outlook.com"), BROWSER, 200);
        hit(CLICK, mailTo("ann@gmail.com"), BROWSER, 302);
        queueSes("bounce-permanent.json", "di@example.org");
        queueSes("complaint.json", "cy@outlook.com");

        JsonNode totals = foldedUntil("/v1/analytics/kpis", kpis -> counts(kpis).path("complaints").asLong() == 1
                && counts(kpis).path("bouncedHard").asLong() == 1 && counts(kpis).path("clicks").asLong() == 1
                && counts(kpis).path("opens").asLong() == 4);
        JsonNode counts = counts(totals);
        assertThat(counts.path("sent").asLong()).isEqualTo(6);
        assertThat(counts.path("delivered").asLong()).isEqualTo(6);
        assertThat(counts.path("opens").asLong()).isEqualTo(4);
        assertThat(counts.path("uniqueOpens").asLong()).as("ann once").isEqualTo(3);
        assertThat(counts.path("machineOpens").asLong()).as("the proxy's fetch, apart").isEqualTo(1);
        assertThat(counts.path("uniqueClicks").asLong()).isEqualTo(1);
        JsonNode rates = totals.path("totals").path("rates");
        assertThat(rates.path("deliverability").path("value").asDouble()).isEqualTo(1.0);
        assertThat(rates.path("deliverability").path("denominator").asText()).isEqualTo("sent");
        assertThat(rates.path("uniqueOpenRate").path("value").asDouble()).isEqualTo(0.5);
        assertThat(rates.path("uniqueOpenRate").path("numerator").asText()).isEqualTo("uniqueOpens");
        assertThat(rates.path("complaintRate").path("value").asDouble()).isEqualTo(round(1 / 6d));
        assertThat(totals.path("series")).as("today and the 6 days before").hasSize(7);

        JsonNode byCampaign = json(get(platform, "/v1/analytics/kpis?groupBy=campaign", "Authorization", auth));
        Map<String, Long> sent = new HashMap<>();
        byCampaign.path("groups").forEach(g -> sent.put(g.path("key").path("campaign").asText(), g.path("counts").path("sent").asLong()));
        assertThat(sent).containsExactlyInAnyOrderEntriesOf(Map.of("cmp_spring", 4L, "cmp_autumn", 2L));

        JsonNode gmailSpring = json(get(platform, "/v1/analytics/kpis?groupBy=provider&campaign=cmp_spring", "Authorization", auth));
        Map<String, Long> opensByProvider = new HashMap<>();
        gmailSpring.path("groups").forEach(g -> opensByProvider.put(g.path("key").path("provider").asText(), g.path("counts").path("uniqueOpens").asLong()));
        assertThat(opensByProvider).containsExactlyInAnyOrderEntriesOf(Map.of("gmail", 2L, "microsoft", 1L, "other", 0L));

        HttpResponse<String> csv = get(platform, "/v1/analytics/kpis?groupBy=campaign&granularity=week", "Authorization", auth, "Accept", "text/csv");
        assertThat(csv.headers().firstValue("Content-Type").orElseThrow()).startsWith("text/csv");
        assertThat(csv.body().lines().findFirst().orElseThrow()).startsWith("campaign,start,sent,delivered");
        assertThat(csv.body()).contains("cmp_spring,");
        before = totals;
    }

    @Test
    @Order(2)
    void aRedeliveredBatchOfTheSameEventsChangesNothing() {
        List<JsonNode> events = new ArrayList<>();
        json(get(platform, "/v1/events?limit=300", "Authorization", auth)).path("data").forEach(event -> {
            if (event.path("type").asText().startsWith("message.")) {
                events.add(event);
            }
        });
        assertThat(events).hasSizeGreaterThanOrEqualTo(20);
        for (JsonNode event : events) {
            assertThat(post(platform, "/_local/queues/rollups/messages", event.toString(), "Content-Type", JSON).statusCode()).isEqualTo(202);
        }
        JsonNode after = foldedUntil("/v1/analytics/kpis", kpis -> true);
        assertThat(after.path("totals")).isEqualTo(before.path("totals"));
    }

    @Test
    @Order(3)
    void badInputIsA400NamingTheChoicesAndAnotherWorkspaceSeesNothing() {
        assertProblem("/v1/analytics/kpis?groupBy=colour", "invalid-field", "campaign, domain");
        assertProblem("/v1/analytics/kpis?groupBy=tag,provider", "unsupported-grouping", "campaign+provider");
        assertProblem("/v1/analytics/kpis?granularity=fortnight", "invalid-field", "hour, day, week, month");
        assertProblem("/v1/analytics/kpis?from=2026-02-01&to=2026-01-01", "invalid-field", "before");
        assertProblem("/v1/analytics/kpis?from=2020-01-01&to=2026-01-01", "invalid-field", "400 days");
        assertProblem("/v1/analytics/kpis?from=2026-01-01&to=2026-06-01&granularity=hour", "invalid-field", "coarser");
        assertProblem("/v1/analytics/kpis?colour=red", "unknown-parameter", "groupBy");
        assertProblem("/v1/analytics/kpis?timeZone=Mars/Olympus", "invalid-field", "IANA");

        HttpResponse<String> other = post(platform, "/v1/workspaces", "{\"name\":\"Globex\",\"owner\":{\"email\":\"hank@globex.test\"}}",
                "Authorization", "Bearer " + platform.operatorKey(), "Content-Type", JSON);
        assertThat(other.statusCode()).as(other.body()).isEqualTo(201);
        String otherKey = "Bearer " + json(other).path("apiKey").path("secret").asText();
        JsonNode theirs = json(get(platform, "/v1/analytics/kpis", "Authorization", otherKey));
        assertThat(counts(theirs).path("sent").asLong()).isZero();
    }

    private static void assertProblem(String path, String type, String detail) {
        HttpResponse<String> response = get(platform, path, "Authorization", auth);
        assertThat(response.statusCode()).as(path + " " + response.body()).isEqualTo(400);
        assertThat(response.headers().firstValue("Content-Type").orElseThrow()).startsWith("application/problem+json");
        assertThat(json(response).path("type").asText()).endsWith("/" + type);
        assertThat(json(response).path("detail").asText()).contains(detail);
    }

    private static void send(String pool, String campaign, List<String> recipients) {
        StringBuilder list = new StringBuilder();
        recipients.forEach(to -> list.append(list.length() == 0 ? "" : ",").append("{\"to\":\"").append(to).append("\"}"));
        HttpResponse<String> batch = post(platform, "/v1/messages/batch", "{\"from\":\"news@acme.test\",\"subject\":\"Hi\","
                + "\"html\":\"<p>Hi <a href=\\\"https://acme.test/offer\\\">offer</a></p>\",\"text\":\"Hi\",\"campaignId\":\"" + campaign
                + "\",\"tags\":[\"launch\"],\"recipients\":[" + list + "],\"ipPool\":\"" + pool + "\",\"trackOpens\":true,\"trackClicks\":true}",
                "Authorization", auth, "Content-Type", JSON);
        assertThat(batch.statusCode()).as(batch.body()).isEqualTo(202);
        json(batch).path("results").forEach(r -> messageIds.put(r.path("to").asText(), r.path("messageId").asText()));
    }

    private static String status(String messageId) {
        return json(get(platform, "/v1/messages/" + messageId, "Authorization", auth)).path("status").asText();
    }

    private static String mailTo(String recipient) {
        return platform.mailSink().messages().stream().filter(m -> m.to().contains(recipient)).map(CapturedMessage::html)
                .findFirst().orElseThrow();
    }

    private static void hit(Pattern link, String html, String userAgent, int status) {
        Matcher matcher = link.matcher(html);
        assertThat(matcher.find()).as("a %s link in %s", link, html).isTrue();
        HttpResponse<String> response = TestPlatforms.send(TestPlatforms.requestTo(matcher.group()).header("User-Agent", userAgent).GET().build());
        assertThat(response.statusCode()).as(matcher.group()).isEqualTo(status);
    }

    private static void queueSes(String sample, String recipient) {
        String messageId = messageIds.get(recipient);
        String ip = json(get(platform, "/v1/messages/" + messageId, "Authorization", auth)).path("sentThrough").asText();
        String body;
        try {
            body = Files.readString(Path.of("..", "events", "ses", sample));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        body = body.replace("WORKSPACE_ID", platform.workspaceId().orElseThrow()).replace("MESSAGE_ID", messageId)
                .replace("RECIPIENT", recipient).replace("IP_ID", ip).replace("POOL_ID", "pool");
        HttpResponse<String> queued = post(platform, "/_local/queues/delivery-events/messages?stamp=now", body, "Content-Type", JSON);
        assertThat(queued.statusCode()).isEqualTo(202);
    }

    /**
     * Lets the aggregator drain its queue, then moves the clock past the fold's settling minute (which runs the fold's
     * schedule), until the report at {@code path} satisfies {@code done}.
     */
    private static JsonNode foldedUntil(String path, Predicate<JsonNode> done) {
        JsonNode report = null;
        for (int round = 0; round < 6; round++) {
            await(Duration.ofSeconds(30), "the roll-up queues drained", () -> drained("delivery-events") && drained("rollups"));
            advance(61);
            report = json(get(platform, path, "Authorization", auth));
            if (done.test(report)) {
                return report;
            }
        }
        throw new AssertionError("the counters never reached what was expected: " + report);
    }

    private static boolean drained(String queue) {
        return platform.sqs().getQueueAttributes(r -> r.queueUrl(platform.queueUrl(queue)).attributeNamesWithStrings(
                "ApproximateNumberOfMessages", "ApproximateNumberOfMessagesNotVisible")).attributesAsStrings().values().stream().allMatch("0"::equals);
    }

    private static void advance(int seconds) {
        HttpResponse<String> moved = post(platform, "/_local/clock/advance", "{\"seconds\":" + seconds + "}", "Content-Type", JSON);
        assertThat(moved.statusCode()).as(moved.body()).isEqualTo(200);
    }

    private static JsonNode counts(JsonNode kpis) {
        return kpis.path("totals").path("counts");
    }

    private static double round(double value) {
        return Math.round(value * 1_000_000d) / 1_000_000d;
    }
}
