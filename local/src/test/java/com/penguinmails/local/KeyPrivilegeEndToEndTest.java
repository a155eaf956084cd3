package com.penguinmails.local;

import static com.penguinmails.local.TestPlatforms.get;
import static com.penguinmails.local.TestPlatforms.json;
import static com.penguinmails.local.TestPlatforms.post;
import static com.penguinmails.local.TestPlatforms.request;
import static com.penguinmails.local.TestPlatforms.send;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Issue 8's privilege escalation, over HTTP on the whole local platform: a key holding only {@code api-keys:manage}
 * passes the route's scope check for rotate and revoke, but must not rotate (and so obtain the secret of) or revoke
 * the owner's {@code full} key. Each refusal is a 403 in the audit log, and the owner keeps working.
 */
class KeyPrivilegeEndToEndTest {

    private static final String JSON = "application/json";
    private static final String AUTH = "Authorization";
    private static LocalPlatform platform;
    private static String owner;
    private static String ownerKeyId;

    @BeforeAll
    static void start() {
        platform = LocalPlatform.builder().port(0).start();
        owner = platform.ownerApiKey().orElseThrow();
        HttpResponse<String> keys = get(platform, "/v1/api-keys", AUTH, bearer(owner));
        for (JsonNode key : json(keys).path("data")) {
            if (owner.startsWith(key.path("prefix").asText())) {
                ownerKeyId = key.path("id").asText();
            }
        }
        assertThat(ownerKeyId).as("the owner key in " + keys.body()).isNotNull();
    }

    @AfterAll
    static void stop() {
        if (platform != null) {
            platform.close();
        }
    }

    @Test
    void aManageOnlyKeyCannotRotateOrRevokeTheOwnersFullKeyAndTheRefusalsAreAudited() {
        JsonNode manager = createKey(owner, "{\"name\":\"key admin\",\"scopes\":[\"api-keys:manage\"]}");
        String managerSecret = manager.path("secret").asText();

        HttpResponse<String> rotate = post(platform, "/v1/api-keys/" + ownerKeyId + "/rotate", "{\"gracePeriodSeconds\":0}",
                AUTH, bearer(managerSecret), "Content-Type", JSON);
        assertProblem(rotate, 403, "forbidden");
        assertThat(rotate.body()).doesNotContain("pm_live_").contains("full");

        HttpResponse<String> revoke = send(request(platform, "/v1/api-keys/" + ownerKeyId, "X-Api-Key", managerSecret).DELETE().build());
        assertProblem(revoke, 403, "forbidden");

        HttpResponse<String> ownerKey = get(platform, "/v1/api-keys/" + ownerKeyId, AUTH, bearer(owner));
        assertThat(ownerKey.statusCode()).as("the owner key still works").isEqualTo(200);
        assertThat(json(ownerKey).path("status").asText()).isEqualTo("active");
        assertThat(json(ownerKey).has("rotatedAt")).as("not rotated: " + ownerKey.body()).isFalse();

        List<String> attempts = new ArrayList<>();
        for (JsonNode event : json(get(platform, "/v1/audit-events?action=auth.forbidden&actor=apikey:" + manager.path("id").asText(),
                AUTH, bearer(owner))).path("data")) {
            assertThat(event.path("target").asText()).isEqualTo(ownerKeyId);
            assertThat(event.path("outcome").asText()).isEqualTo("missing-scope:full");
            attempts.add(event.path("details").path("attempted").asText());
        }
        assertThat(attempts).containsExactlyInAnyOrder("api-key.rotate", "api-key.revoke");
    }

    @Test
    void aKeyMayRotateAndRevokeKeysNoBroaderThanItself() {
        JsonNode manager = createKey(owner, "{\"name\":\"key admin 2\",\"scopes\":[\"api-keys:manage\",\"messages:send\"]}");
        String managerSecret = manager.path("secret").asText();
        JsonNode narrower = createKey(managerSecret, "{\"name\":\"narrower\",\"scopes\":[\"messages:send\"]}");
        JsonNode broader = createKey(owner, "{\"name\":\"broader\",\"scopes\":[\"messages:send\",\"domains:manage\"]}");

        HttpResponse<String> rotated = post(platform, "/v1/api-keys/" + narrower.path("id").asText() + "/rotate", "{}",
                AUTH, bearer(managerSecret), "Content-Type", JSON);
        assertThat(rotated.statusCode()).as(rotated.body()).isEqualTo(200);
        assertThat(json(rotated).path("secret").asText()).startsWith("pm_live_");
        assertProblem(post(platform, "/v1/api-keys/" + broader.path("id").asText() + "/rotate", "{}",
                AUTH, bearer(managerSecret), "Content-Type", JSON), 403, "forbidden");
        assertProblem(send(request(platform, "/v1/api-keys/" + broader.path("id").asText(), AUTH, bearer(managerSecret)).DELETE().build()),
                403, "forbidden");
        HttpResponse<String> revoked = send(request(platform, "/v1/api-keys/" + narrower.path("id").asText(), AUTH, bearer(managerSecret))
                .DELETE().build());
        assertThat(json(revoked).path("status").asText()).isEqualTo("revoked");
    }

    private static JsonNode createKey(String creator, String body) {
        HttpResponse<String> response = post(platform, "/v1/api-keys", body, AUTH, bearer(creator), "Content-Type", JSON);
        assertThat(response.statusCode()).as(response.body()).isEqualTo(201);
        return json(response);
    }

    private static String bearer(String key) {
        return "Bearer " + key;
    }

    private static void assertProblem(HttpResponse<String> response, int status, String slug) {
        assertThat(response.statusCode()).as(response.body()).isEqualTo(status);
        assertThat(response.headers().firstValue("Content-Type")).hasValue("application/problem+json");
        assertThat(json(response).path("type").asText()).isEqualTo("https://docs.penguinmails.dev/problems/" + slug);
    }
}
