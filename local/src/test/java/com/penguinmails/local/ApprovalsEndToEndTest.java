package com.penguinmails.local;

import static com.penguinmails.local.TestPlatforms.get;
import static com.penguinmails.local.TestPlatforms.json;
import static com.penguinmails.local.TestPlatforms.post;
import static com.penguinmails.local.TestPlatforms.request;
import static com.penguinmails.local.TestPlatforms.send;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;

/**
 * Team approvals on the whole local platform: the owner makes campaign launches wait for an admin; a member's launch
 * answers 202 with a pending approval and sends nothing; the member cannot approve it; the admin's approval launches
 * it once (mail goes out, a second approval is a 409), all of it in the campaign's activity feed with the team's
 * comments; a rejected request and an expired one run nothing. The steps build on each other; expiry is on the
 * platform clock.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class ApprovalsEndToEndTest {

    private static final String JSON = "application/json";
    private static final String AUTH = "Authorization";
    private static LocalPlatform platform;
    private static String owner;
    private static String admin;
    private static String member;
    private static String pool;

    @BeforeAll
    static void start() {
        platform = LocalPlatform.builder().port(0).start();
        owner = "Bearer " + platform.ownerApiKey().orElseThrow();
        admin = TestPlatforms.member(platform, owner, "ada@example.org", "admin");
        member = TestPlatforms.member(platform, owner, "max@example.org", "member");
        TestPlatforms.verifiedDomain(platform, owner, "appr.test");
        pool = TestPlatforms.ipPool(platform, owner, "appr", "198.51.100.90", 50);
        HttpResponse<String> contacts = post(platform, "/v1/contacts", """
                {"contacts": [{"email": "ann@example.org", "tags": ["q1"]}, {"email": "bo@example.org", "tags": ["q1"]}]}""",
                AUTH, member, "Content-Type", JSON);
        assertThat(contacts.statusCode()).as(contacts.body()).isEqualTo(200);
    }

    @AfterAll
    static void stop() {
        if (platform != null) {
            platform.close();
        }
    }

    @Test
    @Order(1)
    void aMembersLaunchWaitsForAnAdminAndRunsOnceWhenApproved() {
        assertThat(put("/v1/approval-policies/campaign.launch", "{\"approverRoles\":[\"admin\",\"owner\"],\"quorum\":1,\"threshold\":1}", member)
                .statusCode()).as("only owners and admins set policies").isEqualTo(403);
        HttpResponse<String> policy = put("/v1/approval-policies/campaign.launch", "{\"approverRoles\":[\"admin\",\"owner\"],\"quorum\":1,\"threshold\":1}", owner);
        assertThat(policy.statusCode()).as(policy.body()).isEqualTo(200);

        String campaign = campaign("First");
        HttpResponse<String> launch = post(platform, "/v1/campaigns/" + campaign + "/launch", "", AUTH, member);
        assertThat(launch.statusCode()).as(launch.body()).isEqualTo(202);
        JsonNode approval = json(launch).path("approval");
        String approvalId = approval.path("id").asText();
        assertThat(approval.path("status").asText()).isEqualTo("pending");
        assertThat(approval.path("summary").asText()).contains("to 2 contacts");
        assertThat(json(launch).path("status").asText()).isEqualTo("draft");
        HttpResponse<String> again = post(platform, "/v1/campaigns/" + campaign + "/launch", "", AUTH, member);
        assertThat(json(again).path("approval").path("id").asText()).as("the same request again waits on the same approval").isEqualTo(approvalId);
        runSequencer();
        assertThat(platform.mailSink().messages()).isEmpty();

        assertProblem(post(platform, "/v1/approvals/" + approvalId + "/approve", "{\"comment\":\"mine\"}", AUTH, member, "Content-Type", JSON),
                403, "self-approval");
        HttpResponse<String> approved = post(platform, "/v1/approvals/" + approvalId + "/approve", "{\"comment\":\"Looks good\"}", AUTH, admin,
                "Content-Type", JSON);
        assertThat(approved.statusCode()).as(approved.body()).isEqualTo(200);
        assertThat(json(approved).path("status").asText()).isEqualTo("executed");
        assertThat(json(approved).path("result").asText()).contains("2 contacts enrolled");
        assertThat(json(approved).path("decisions").get(0).path("comment").asText()).isEqualTo("Looks good");
        assertThat(status(campaign)).isEqualTo("running");
        assertProblem(post(platform, "/v1/approvals/" + approvalId + "/approve", "", AUTH, owner), 409, "approval-executed");

        HttpResponse<String> comment = post(platform, "/v1/campaigns/" + campaign + "/comments", "{\"text\":\"Thanks, Ada!\"}", AUTH, member,
                "Content-Type", JSON);
        assertThat(comment.statusCode()).as(comment.body()).isEqualTo(201);
        assertThat(post(platform, "/v1/approvals/" + approvalId + "/comments", "{\"text\":\"Checked the list twice\"}", AUTH, admin,
                "Content-Type", JSON).statusCode()).isEqualTo(201);
        JsonNode feed = json(get(platform, "/v1/campaigns/" + campaign + "/activity", AUTH, owner)).path("data");
        assertThat(feed).extracting(e -> e.path("kind").asText()).containsExactly("comment", "launched", "launch-requested", "created");
        assertThat(feed.get(1).path("actor").asText()).isEqualTo("approval:" + approvalId);
        assertThat(feed.get(0).path("actor").asText()).startsWith("member:mem_");
        assertThat(json(get(platform, "/v1/approvals/" + approvalId + "/activity", AUTH, member)).path("data").get(0).path("text").asText())
                .isEqualTo("Checked the list twice");

        runSequencer();
        TestPlatforms.await(Duration.ofSeconds(40), "the approved campaign's first emails", () -> platform.mailSink().messages().size() == 2);
        assertThat(json(get(platform, "/v1/audit-events?action=approval.approved", AUTH, owner)).path("data").get(0).path("target").asText())
                .isEqualTo(approvalId);
    }

    @Test
    @Order(2)
    void aRejectedRequestRunsNothing() {
        String campaign = campaign("Second");
        String approvalId = json(post(platform, "/v1/campaigns/" + campaign + "/launch", "", AUTH, member)).path("approval").path("id").asText();
        HttpResponse<String> rejected = post(platform, "/v1/approvals/" + approvalId + "/reject", "{\"comment\":\"Not this week\"}", AUTH, admin,
                "Content-Type", JSON);
        assertThat(rejected.statusCode()).as(rejected.body()).isEqualTo(200);
        assertThat(json(rejected).path("status").asText()).isEqualTo("rejected");
        assertProblem(post(platform, "/v1/approvals/" + approvalId + "/approve", "", AUTH, owner), 409, "approval-rejected");
        assertThat(status(campaign)).isEqualTo("draft");
    }

    @Test
    @Order(3)
    void anExpiredRequestRunsNothing() {
        assertThat(put("/v1/approval-policies/campaign.launch", "{\"expiresAfterHours\":1,\"threshold\":1}", owner).statusCode()).isEqualTo(200);
        String campaign = campaign("Third");
        String approvalId = json(post(platform, "/v1/campaigns/" + campaign + "/launch", "", AUTH, member)).path("approval").path("id").asText();
        HttpResponse<String> moved = send(request(platform, "/_local/clock/advance", "Content-Type", JSON).timeout(Duration.ofMinutes(2))
                .POST(HttpRequest.BodyPublishers.ofString("{\"seconds\":3660}")).build());
        assertThat(moved.statusCode()).as(moved.body()).isEqualTo(200);
        assertProblem(post(platform, "/v1/approvals/" + approvalId + "/approve", "", AUTH, admin), 409, "approval-expired");
        JsonNode expired = json(get(platform, "/v1/approvals?status=expired", AUTH, member)).path("data");
        assertThat(expired).extracting(a -> a.path("id").asText()).contains(approvalId);
        assertThat(status(campaign)).isEqualTo("draft");
    }

    private static String campaign(String name) {
        HttpResponse<String> created = post(platform, "/v1/campaigns", """
                {"name": "%s", "audience": {"tags": ["q1"]}, "sending": {"ipPool": "%s", "from": "max@appr.test"},
                 "schedule": {"days": ["mon","tue","wed","thu","fri","sat","sun"], "start": "00:00", "end": "24:00"},
                 "steps": [{"variants": [{"subject": "Hello", "text": "Hi there"}]}]}""".formatted(name, pool), AUTH, member, "Content-Type", JSON);
        assertThat(created.statusCode()).as(created.body()).isEqualTo(201);
        return json(created).path("id").asText();
    }

    private static String status(String campaign) {
        return json(get(platform, "/v1/campaigns/" + campaign, AUTH, member)).path("status").asText();
    }

    private static HttpResponse<String> put(String path, String body, String auth) {
        return send(request(platform, path, AUTH, auth, "Content-Type", JSON).PUT(HttpRequest.BodyPublishers.ofString(body)).build());
    }

    private static void runSequencer() {
        assertThat(post(platform, "/_local/schedules/sequencer/run", "").statusCode()).isEqualTo(200);
    }

    private static void assertProblem(HttpResponse<String> response, int status, String type) {
        assertThat(response.statusCode()).as(response.body()).isEqualTo(status);
        assertThat(json(response).path("type").asText()).endsWith("/" + type);
    }
}
