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
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;

/**
 * A three-step sequence as a new user runs it on the whole local platform: contacts saved through the API, a campaign
 * through an IP pool, launched; the first email goes out at once, the follow-ups one and two days apart on the
 * platform clock, each a reply in the first email's thread (In-Reply-To, References, "Re:" subject). A contact who
 * replies after the first email gets nothing more; running the sequencer again sends nothing twice; another
 * workspace sees none of it. The steps build on each other.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class SequenceEndToEndTest {

    private static final String JSON = "application/json";
    private static LocalPlatform platform;
    private static String auth;
    private static String campaignId;
    private static String firstMessageId;
    private static String secondMessageId;

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
    void aLaunchedCampaignSendsItsFirstStepToEveryMailableContact() {
        TestPlatforms.verifiedDomain(platform, auth, "seq.test");
        String pool = TestPlatforms.ipPool(platform, auth, "seq", "198.51.100.80", 50);
        HttpResponse<String> saved = post(platform, "/v1/contacts", """
                {"contacts": [
                  {"email": "ann@example.org", "firstName": "Ann", "company": "Acme", "tags": ["founder"],
                   "consent": {"source": "https://acme.test/signup", "collectedAt": "2020-01-01T00:00:00Z", "text": "Yes, email me."}},
                  {"email": "bo@example.org", "firstName": "Bo", "company": "Bolt", "tags": ["founder"]},
                  {"email": "dee@example.org", "firstName": "Dee", "tags": ["founder"]},
                  {"email": "cy@example.org", "firstName": "Cy", "tags": ["investor"]},
                  {"email": "not an address", "tags": ["founder"]}
                ]}""", "Authorization", auth, "Content-Type", JSON);
        assertThat(saved.statusCode()).as(saved.body()).isEqualTo(200);
        assertThat(json(saved).path("created").asInt()).isEqualTo(4);
        assertThat(json(saved).path("results").get(4).path("errors").get(0).path("path").asText()).isEqualTo("email");

        HttpResponse<String> created = post(platform, "/v1/campaigns", """
                {"name": "Founders Q1",
                 "audience": {"tags": ["founder"]},
                 "sending": {"ipPool": "%s", "from": "ann@seq.test"},
                 "schedule": {"days": ["mon","tue","wed","thu","fri","sat","sun"], "start": "00:00", "end": "24:00", "timeZone": "UTC"},
                 "steps": [
                   {"variants": [{"subject": "Quick question, {{firstName}}", "html": "<p>Hi {{firstName}}, how does {{company}} send today?</p>"}]},
                   {"delayDays": 1, "variants": [{"text": "Just bumping this up, {{firstName}}."}]},
                   {"delayDays": 2, "variants": [{"text": "Last one from me."}]}
                 ]}""".formatted(pool), "Authorization", auth, "Content-Type", JSON);
        assertThat(created.statusCode()).as(created.body()).isEqualTo(201);
        campaignId = json(created).path("id").asText();
        assertThat(json(created).path("status").asText()).isEqualTo("draft");

        HttpResponse<String> launched = post(platform, "/v1/campaigns/" + campaignId + "/launch", "", "Authorization", auth);
        assertThat(launched.statusCode()).as(launched.body()).isEqualTo(200);
        assertThat(json(launched).path("status").asText()).isEqualTo("running");
        assertThat(json(launched).path("launch").path("enrolled").asInt()).isEqualTo(2);
        // dee has no company, which the first email uses: left out, not sent a blank.
        assertThat(json(launched).path("launch").path("missingVariables").asInt()).isEqualTo(1);
        assertThat(json(launched).path("launch").path("missingVariablesExamples").get(0).asText()).isEqualTo("dee@example.org lacks company");
        assertThat(post(platform, "/v1/campaigns/" + campaignId + "/launch", "", "Authorization", auth).statusCode()).isEqualTo(409);

        runSequencer();
        await(Duration.ofSeconds(40), "the first step for ann and bo in the sink", () -> platform.mailSink().messages().size() == 2);
        CapturedMessage ann = mailTo("ann@example.org").get(0);
        assertThat(ann.subject()).isEqualTo("Quick question, Ann");
        assertThat(ann.html()).contains("how does Acme send today?");
        assertThat(ann.headers()).doesNotContainKey("In-Reply-To");
        firstMessageId = header(ann, "Message-ID");
        assertThat(mailTo("cy@example.org")).isEmpty();
    }

    @Test
    @Order(2)
    void aContactWhoRepliesIsStoppedAndTheOthersGetThreadedFollowUpsOnSchedule() {
        HttpResponse<String> reply = post(platform, "/v1/channel-events", """
                {"channel": "email", "type": "replied", "contact": "bo@example.org", "campaignId": "%s", "idempotencyId": "bo-reply-1",
                 "occurredAt": "%s"}""".formatted(campaignId, platform.clock().instant()), "Authorization", auth, "Content-Type", JSON);
        assertThat(reply.statusCode()).as(reply.body()).isEqualTo(202);
        await(Duration.ofSeconds(30), "bo's sequence stopped by the reply",
                () -> campaign().path("progress").path("stopped").path("replied").asInt() == 1);

        // Twelve hours later nothing is due yet.
        advance(Duration.ofHours(12));
        runSequencer();
        assertThat(platform.mailSink().messages()).hasSize(2);

        advance(Duration.ofHours(12).plusMinutes(1));
        await(Duration.ofSeconds(40), "ann's second step", () -> mailTo("ann@example.org").size() == 2);
        CapturedMessage second = mailTo("ann@example.org").get(1);
        assertThat(second.subject()).isEqualTo("Re: Quick question, Ann");
        assertThat(second.text()).contains("Just bumping this up, Ann.");
        assertThat(header(second, "In-Reply-To")).isEqualTo(firstMessageId);
        assertThat(header(second, "References")).isEqualTo(firstMessageId);
        secondMessageId = header(second, "Message-ID");

        advance(Duration.ofDays(2).plusMinutes(1));
        await(Duration.ofSeconds(40), "ann's third step", () -> mailTo("ann@example.org").size() == 3);
        CapturedMessage third = mailTo("ann@example.org").get(2);
        assertThat(third.subject()).isEqualTo("Re: Quick question, Ann");
        assertThat(header(third, "In-Reply-To")).isEqualTo(secondMessageId);
        assertThat(header(third, "References")).isEqualTo(firstMessageId + " " + secondMessageId);
        assertThat(mailTo("bo@example.org")).hasSize(1);
    }

    @Test
    @Order(3)
    void progressCountsEachStepAndARepeatedRunSendsNothingTwice() {
        runSequencer();
        runSequencer();
        JsonNode progress = campaign().path("progress");
        assertThat(progress.path("contacts").asInt()).isEqualTo(2);
        assertThat(progress.path("byStatus").path("finished").asInt()).isEqualTo(1);
        assertThat(progress.path("byStatus").path("stopped").asInt()).isEqualTo(1);
        assertThat(progress.path("steps").get(0).path("outcomes").path("a").asInt()).isEqualTo(2);
        assertThat(progress.path("steps").get(1).path("outcomes").path("a").asInt()).isEqualTo(1);
        assertThat(progress.path("steps").get(2).path("outcomes").path("a").asInt()).isEqualTo(1);
        assertThat(platform.mailSink().messages()).hasSize(4);
    }

    @Test
    @Order(4)
    void anotherWorkspaceSeesNeitherTheCampaignNorTheContacts() {
        HttpResponse<String> workspace = post(platform, "/v1/workspaces", "{\"name\":\"Globex\",\"owner\":{\"email\":\"hank@globex.test\"}}",
                "Authorization", "Bearer " + platform.operatorKey(), "Content-Type", JSON);
        assertThat(workspace.statusCode()).as(workspace.body()).isEqualTo(201);
        String other = "Bearer " + json(workspace).path("apiKey").path("secret").asText();
        assertThat(get(platform, "/v1/campaigns/" + campaignId, "Authorization", other).statusCode()).isEqualTo(404);
        assertThat(post(platform, "/v1/campaigns/" + campaignId + "/pause", "", "Authorization", other).statusCode()).isEqualTo(404);
        String annId = json(get(platform, "/v1/contacts?tag=founder", "Authorization", auth)).path("data").get(0).path("id").asText();
        assertThat(get(platform, "/v1/contacts/" + annId, "Authorization", other).statusCode()).isEqualTo(404);
        assertThat(json(get(platform, "/v1/contacts", "Authorization", other)).path("data")).isEmpty();
    }

    private static JsonNode campaign() {
        HttpResponse<String> response = get(platform, "/v1/campaigns/" + campaignId, "Authorization", auth);
        assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
        return json(response);
    }

    private static List<CapturedMessage> mailTo(String address) {
        return platform.mailSink().messages().stream().filter(m -> m.to().contains(address)).toList();
    }

    private static String header(CapturedMessage message, String name) {
        List<String> values = message.headers().get(name);
        assertThat(values).as(name + " of " + message.subject()).isNotNull().hasSize(1);
        return values.get(0).replaceAll("\\s+", " ").trim();
    }

    private static void runSequencer() {
        HttpResponse<String> run = post(platform, "/_local/schedules/sequencer/run", "");
        assertThat(run.statusCode()).as(run.body()).isEqualTo(200);
    }

    /** Moves the clock; every schedule's missed runs fire before it answers (the roll-up fold's catch-up takes a while). */
    private static void advance(Duration by) {
        HttpResponse<String> moved = TestPlatforms.send(TestPlatforms.request(platform, "/_local/clock/advance", "Content-Type", JSON)
                .timeout(Duration.ofMinutes(3)).POST(java.net.http.HttpRequest.BodyPublishers.ofString("{\"seconds\":" + by.toSeconds() + "}")).build());
        assertThat(moved.statusCode()).as(moved.body()).isEqualTo(200);
    }
}
