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
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;

/**
 * Team members over HTTP on the whole local platform: the owner invites an admin, a member and a viewer, each accepts
 * and gets a key that acts as them; the permission matrix holds on real routes (a viewer reads but changes nothing, a
 * member runs campaigns but touches no sending infrastructure, an admin cannot act on the owner); a role change and a
 * removal apply to the member's keys at once; the workspace keeps an owner. The steps build on each other.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class MembersEndToEndTest {

    private static final String JSON = "application/json";
    private static final String AUTH = "Authorization";
    private static LocalPlatform platform;
    private static String owner;
    private static String ownerMemberId;
    private static String admin;
    private static String member;
    private static String memberId;
    private static String viewer;
    private static String viewerId;

    @BeforeAll
    static void start() {
        platform = LocalPlatform.builder().port(0).start();
        owner = "Bearer " + platform.ownerApiKey().orElseThrow();
    }

    @AfterAll
    static void stop() {
        if (platform != null) {
            platform.close();
        }
    }

    @Test
    @Order(1)
    void invitedPeopleAcceptAndGetAKeyThatActsAsThem() {
        JsonNode members = json(get(platform, "/v1/members", AUTH, owner)).path("data");
        assertThat(members).hasSize(1);
        assertThat(members.get(0).path("role").asText()).isEqualTo("owner");
        ownerMemberId = members.get(0).path("id").asText();

        admin = accept(invite("ada@example.org", "admin"));
        JsonNode max = invite("max@example.org", "member");
        memberId = max.path("member").path("id").asText();
        member = accept(max);
        JsonNode vic = invite("vic@example.org", "viewer");
        viewerId = vic.path("member").path("id").asText();
        viewer = accept(vic);

        HttpResponse<String> again = post(platform, "/v1/invitations/accept", "{\"token\":\"" + vic.path("invitationToken").asText() + "\"}",
                "Content-Type", JSON);
        assertProblem(again, 404, "invitation-not-found");
        assertProblem(post(platform, "/v1/members", "{\"email\":\"max@example.org\",\"role\":\"viewer\"}", AUTH, owner, "Content-Type", JSON),
                409, "member-exists");
        JsonNode listed = json(get(platform, "/v1/members", AUTH, viewer)).path("data");
        assertThat(listed).extracting(m -> m.path("status").asText()).containsOnly("active");
        assertThat(listed).hasSize(4);
    }

    @Test
    @Order(2)
    void eachRoleMayDoWhatTheMatrixSaysAndNoMore() {
        assertThat(get(platform, "/v1/campaigns", AUTH, viewer).statusCode()).isEqualTo(200);
        assertThat(get(platform, "/v1/domains", AUTH, viewer).statusCode()).isEqualTo(200);
        assertProblem(post(platform, "/v1/contacts", "{\"email\":\"lead@example.org\"}", AUTH, viewer, "Content-Type", JSON), 403, "insufficient-scope");

        assertThat(post(platform, "/v1/contacts", "{\"email\":\"lead@example.org\"}", AUTH, member, "Content-Type", JSON).statusCode()).isEqualTo(200);
        assertProblem(post(platform, "/v1/domains", "{\"name\":\"max.test\"}", AUTH, member, "Content-Type", JSON), 403, "insufficient-scope");
        assertProblem(post(platform, "/v1/members", "{\"email\":\"x@example.org\",\"role\":\"viewer\"}", AUTH, member, "Content-Type", JSON),
                403, "insufficient-scope");
        assertProblem(post(platform, "/v1/api-keys", "{\"name\":\"wider\",\"scopes\":[\"domains:manage\"]}", AUTH, member, "Content-Type", JSON),
                403, "forbidden");
        HttpResponse<String> own = post(platform, "/v1/api-keys", "{\"name\":\"max's sender\",\"scopes\":[\"messages:send\"]}", AUTH, member,
                "Content-Type", JSON);
        assertThat(own.statusCode()).as(own.body()).isEqualTo(201);
        assertThat(json(own).path("createdBy").asText()).isEqualTo("member:" + memberId);

        assertThat(post(platform, "/v1/domains", "{\"name\":\"ada.test\"}", AUTH, admin, "Content-Type", JSON).statusCode()).isEqualTo(201);
        assertProblem(invite(admin, "boss@example.org", "owner"), 403, "forbidden");
        assertProblem(patch("/v1/members/" + ownerMemberId, "{\"role\":\"viewer\"}", admin), 403, "forbidden");
        assertProblem(delete("/v1/members/" + ownerMemberId, admin), 403, "forbidden");
        String ownerKeyId = null;
        for (JsonNode key : json(get(platform, "/v1/api-keys?limit=100", AUTH, owner)).path("data")) {
            if (key.path("createdBy").asText().equals("member:" + ownerMemberId)) {
                ownerKeyId = key.path("id").asText();
            }
        }
        assertThat(ownerKeyId).as("the owner's key").isNotNull();
        assertProblem(delete("/v1/api-keys/" + ownerKeyId, admin), 403, "forbidden");
        assertThat(get(platform, "/v1/workspace", AUTH, owner).statusCode()).as("the owner's key still works").isEqualTo(200);
    }

    @Test
    @Order(3)
    void aRoleChangeAndARemovalApplyToTheMembersKeysAtOnce() {
        HttpResponse<String> promoted = patch("/v1/members/" + viewerId, "{\"role\":\"member\"}", owner);
        assertThat(promoted.statusCode()).as(promoted.body()).isEqualTo(200);
        assertThat(post(platform, "/v1/contacts", "{\"email\":\"lead2@example.org\"}", AUTH, viewer, "Content-Type", JSON).statusCode())
                .as("the former viewer's key, at once").isEqualTo(200);

        HttpResponse<String> removed = delete("/v1/members/" + memberId, owner);
        assertThat(removed.statusCode()).as(removed.body()).isEqualTo(200);
        assertThat(json(removed).path("status").asText()).isEqualTo("removed");
        assertThat(get(platform, "/v1/campaigns", AUTH, member).statusCode()).isEqualTo(401);
        JsonNode keys = json(get(platform, "/v1/api-keys?limit=100", AUTH, owner)).path("data");
        int revoked = 0;
        for (JsonNode key : keys) {
            if (key.path("createdBy").asText().equals("member:" + memberId)) {
                assertThat(key.path("status").asText()).isEqualTo("revoked");
                revoked++;
            }
        }
        assertThat(revoked).as("max's first key and the one he made").isEqualTo(2);

        assertProblem(patch("/v1/members/" + ownerMemberId, "{\"role\":\"admin\"}", owner), 409, "last-owner");
        assertProblem(delete("/v1/members/" + ownerMemberId, owner), 409, "last-owner");
        JsonNode audit = json(get(platform, "/v1/audit-events?action=member.role-changed", AUTH, owner)).path("data");
        assertThat(audit).isNotEmpty();
        assertThat(audit.get(0).path("target").asText()).isEqualTo(viewerId);
    }

    @Test
    @Order(4)
    void anotherWorkspaceSeesNoneOfTheMembers() {
        HttpResponse<String> workspace = post(platform, "/v1/workspaces", "{\"name\":\"Globex\",\"owner\":{\"email\":\"hank@globex.test\"}}",
                AUTH, "Bearer " + platform.operatorKey(), "Content-Type", JSON);
        String other = "Bearer " + json(workspace).path("apiKey").path("secret").asText();
        assertThat(get(platform, "/v1/members/" + viewerId, AUTH, other).statusCode()).isEqualTo(404);
        assertThat(patch("/v1/members/" + viewerId, "{\"role\":\"viewer\"}", other).statusCode()).isEqualTo(404);
        assertThat(json(get(platform, "/v1/members", AUTH, other)).path("data")).hasSize(1);
    }

    private static JsonNode invite(String email, String role) {
        HttpResponse<String> invited = invite(owner, email, role);
        assertThat(invited.statusCode()).as(invited.body()).isEqualTo(201);
        assertThat(json(invited).path("member").path("status").asText()).isEqualTo("invited");
        return json(invited);
    }

    private static HttpResponse<String> invite(String auth, String email, String role) {
        return post(platform, "/v1/members", "{\"email\":\"" + email + "\",\"role\":\"" + role + "\"}", AUTH, auth, "Content-Type", JSON);
    }

    private static String accept(JsonNode invitation) {
        HttpResponse<String> accepted = post(platform, "/v1/invitations/accept", "{\"token\":\"" + invitation.path("invitationToken").asText() + "\"}",
                "Content-Type", JSON);
        assertThat(accepted.statusCode()).as(accepted.body()).isEqualTo(200);
        assertThat(json(accepted).path("member").path("status").asText()).isEqualTo("active");
        return "Bearer " + json(accepted).path("apiKey").path("secret").asText();
    }

    private static HttpResponse<String> patch(String path, String body, String auth) {
        return send(request(platform, path, AUTH, auth, "Content-Type", JSON).method("PATCH", HttpRequest.BodyPublishers.ofString(body)).build());
    }

    private static HttpResponse<String> delete(String path, String auth) {
        return send(request(platform, path, AUTH, auth).DELETE().build());
    }

    private static void assertProblem(HttpResponse<String> response, int status, String type) {
        assertThat(response.statusCode()).as(response.body()).isEqualTo(status);
        assertThat(json(response).path("type").asText()).endsWith("/" + type);
    }
}
