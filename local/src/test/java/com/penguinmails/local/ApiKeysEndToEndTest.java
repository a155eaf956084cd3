package com.penguinmails.local;

import static com.penguinmails.local.TestPlatforms.await;
import static com.penguinmails.local.TestPlatforms.get;
import static com.penguinmails.local.TestPlatforms.json;
import static com.penguinmails.local.TestPlatforms.post;
import static com.penguinmails.local.TestPlatforms.request;
import static com.penguinmails.local.TestPlatforms.send;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The API key story as a user lives it, over HTTP against the whole local platform (real catalog, authorizer,
 * handlers, dynalite, ElasticMQ): create, list, scope checks, rotation with a grace period, revocation, two
 * tenants side by side, rate limits, idempotency, bad input and the audit log.
 */
class ApiKeysEndToEndTest {

    private static final String JSON = "application/json";
    private static final String AUTH = "Authorization";
    private static LocalPlatform platform;
    private static String owner;

    @BeforeAll
    static void start() {
        platform = LocalPlatform.builder().port(0).start();
        owner = platform.ownerApiKey().orElseThrow();
    }

    @AfterAll
    static void stop() {
        if (platform != null) {
            platform.close();
        }
    }

    @Test
    void aKeyWorksOnlyWithinItsScopes() {
        JsonNode sender = createKey(owner, "{\"name\":\"sender\",\"scopes\":[\"messages:send\"]}");
        JsonNode reader = createKey(owner, "{\"name\":\"reader\",\"scopes\":[\"api-keys:read\"]}");

        assertThat(sender.path("secret").asText()).startsWith("pm_live_");
        assertProblem(get(platform, "/v1/api-keys", AUTH, bearerOf(sender.path("secret").asText())), 403, "insufficient-scope");
        assertThat(get(platform, "/v1/api-keys", AUTH, bearerOf(reader.path("secret").asText())).statusCode()).isEqualTo(200);
        assertProblem(post(platform, "/v1/api-keys", "{\"name\":\"x\",\"scopes\":[\"api-keys:read\"]}",
                AUTH, bearerOf(reader.path("secret").asText()), "Content-Type", JSON), 403, "insufficient-scope");

        JsonNode manager = createKey(owner, "{\"name\":\"manager\",\"scopes\":[\"api-keys:manage\"]}");
        assertProblem(post(platform, "/v1/api-keys", "{\"name\":\"escalate\",\"scopes\":[\"full\"]}",
                "X-Api-Key", manager.path("secret").asText(), "Content-Type", JSON), 403, "forbidden");
    }

    @Test
    void listNeverShowsSecretsAndPages() {
        for (int i = 0; i < 3; i++) {
            createKey(owner, "{\"name\":\"page" + i + "\",\"scopes\":[\"messages:send\"]}");
        }
        List<String> ids = new ArrayList<>();
        String path = "/v1/api-keys?limit=2";
        for (int pages = 0; pages < 50 && path != null; pages++) {
            HttpResponse<String> page = get(platform, path, AUTH, bearerOf(owner));
            assertThat(page.statusCode()).isEqualTo(200);
            assertThat(page.body()).doesNotContain("\"secret\"");
            json(page).path("data").forEach(k -> ids.add(k.path("id").asText()));
            String cursor = json(page).path("nextCursor").asText(null);
            path = cursor == null ? null : "/v1/api-keys?limit=2&cursor=" + cursor;
        }
        assertThat(ids).doesNotHaveDuplicates().hasSizeGreaterThanOrEqualTo(4);
    }

    @Test
    void rotationKeepsTheOldSecretUntilTheGraceEndsAndRevocationIsImmediate() {
        JsonNode key = createKey(owner, "{\"name\":\"rotating\",\"scopes\":[\"api-keys:read\"]}");
        String oldSecret = key.path("secret").asText();

        HttpResponse<String> rotated = post(platform, "/v1/api-keys/" + key.path("id").asText() + "/rotate",
                "{\"gracePeriodSeconds\":120}", AUTH, bearerOf(owner), "Content-Type", JSON);
        assertThat(rotated.statusCode()).isEqualTo(200);
        String newSecret = json(rotated).path("secret").asText();
        assertThat(newSecret).isNotEqualTo(oldSecret).startsWith("pm_live_");

        assertThat(get(platform, "/v1/api-keys", AUTH, bearerOf(oldSecret)).statusCode()).as("old secret within grace").isEqualTo(200);
        advanceClock(121);
        assertProblem(get(platform, "/v1/api-keys", AUTH, bearerOf(oldSecret)), 401, "unauthenticated");
        assertThat(get(platform, "/v1/api-keys", AUTH, bearerOf(newSecret)).statusCode()).isEqualTo(200);

        HttpResponse<String> revoked = send(request(platform, "/v1/api-keys/" + key.path("id").asText(), AUTH, bearerOf(owner)).DELETE().build());
        assertThat(json(revoked).path("status").asText()).isEqualTo("revoked");
        HttpResponse<String> afterRevoke = get(platform, "/v1/api-keys", AUTH, bearerOf(newSecret));
        assertProblem(afterRevoke, 401, "unauthenticated");
        assertThat(json(afterRevoke).path("detail").asText()).contains("revoked");
    }

    @Test
    void anotherWorkspacesKeysAreNotFound() {
        HttpResponse<String> created = post(platform, "/v1/workspaces", "{\"name\":\"Globex\",\"owner\":{\"email\":\"hank@globex.test\"}}",
                AUTH, bearerOf(platform.operatorKey()), "Content-Type", JSON);
        assertThat(created.statusCode()).isEqualTo(201);
        String otherOwner = json(created).path("apiKey").path("secret").asText();
        String otherKeyId = json(created).path("apiKey").path("id").asText();

        assertProblem(get(platform, "/v1/api-keys/" + otherKeyId, AUTH, bearerOf(owner)), 404, "not-found");
        assertProblem(send(request(platform, "/v1/api-keys/" + otherKeyId, AUTH, bearerOf(owner)).DELETE().build()), 404, "not-found");
        assertThat(get(platform, "/v1/api-keys/" + otherKeyId, AUTH, bearerOf(otherOwner)).statusCode()).isEqualTo(200);
        assertThat(json(get(platform, "/v1/api-keys", AUTH, bearerOf(otherOwner))).path("data")).hasSize(1);
        assertProblem(post(platform, "/v1/workspaces", "{\"name\":\"Nope\",\"owner\":{\"email\":\"a@b.test\"}}",
                AUTH, bearerOf(owner), "Content-Type", JSON), 403, "insufficient-scope");
    }

    @Test
    void badInputGetsAProblemNeverA500() {
        assertProblem(post(platform, "/v1/api-keys", "{\"name\":", AUTH, bearerOf(owner), "Content-Type", JSON), 400, "invalid-json");
        assertProblem(post(platform, "/v1/api-keys", "{\"name\":\"x\",\"scopes\":[\"full\"],\"extra\":1}", AUTH, bearerOf(owner), "Content-Type", JSON),
                400, "unknown-field");
        assertProblem(post(platform, "/v1/api-keys", "{\"name\":\"x\",\"scopes\":[\"mesages:send\"]}", AUTH, bearerOf(owner), "Content-Type", JSON),
                400, "unknown-scope");
        assertProblem(post(platform, "/v1/api-keys", "{\"name\":\"x\",\"scopes\":[\"full\"],\"rateLimitPerSecond\":\"fast\"}", AUTH, bearerOf(owner),
                "Content-Type", JSON), 400, "invalid-field");
        assertProblem(post(platform, "/v1/api-keys", "name=x", AUTH, bearerOf(owner), "Content-Type", "text/plain"), 415, "unsupported-media-type");
        assertProblem(post(platform, "/v1/api-keys", "{\"name\":\"" + "x".repeat(260 * 1024) + "\"}", AUTH, bearerOf(owner), "Content-Type", JSON),
                413, "payload-too-large");
        assertProblem(get(platform, "/v1/api-keys?limit=0", AUTH, bearerOf(owner)), 400, "invalid-field");
        assertProblem(get(platform, "/v1/api-keys?cursor=garbage!", AUTH, bearerOf(owner)), 400, "invalid-field");
        assertProblem(get(platform, "/v1/api-keys", AUTH, bearerOf("pm_live_forged")), 401, "unauthenticated");
        assertProblem(get(platform, "/v1/api-keys"), 401, "unauthenticated");
    }

    @Test
    void idempotencyKeyReplaysTheFirstResponseAndRefusesAnotherBody() {
        String body = "{\"name\":\"once\",\"scopes\":[\"messages:send\"]}";
        HttpResponse<String> first = post(platform, "/v1/api-keys", body, AUTH, bearerOf(owner), "Content-Type", JSON, "Idempotency-Key", "e2e-1");
        HttpResponse<String> again = post(platform, "/v1/api-keys", body, AUTH, bearerOf(owner), "Content-Type", JSON, "Idempotency-Key", "e2e-1");
        HttpResponse<String> other = post(platform, "/v1/api-keys", "{\"name\":\"twice\",\"scopes\":[\"messages:send\"]}",
                AUTH, bearerOf(owner), "Content-Type", JSON, "Idempotency-Key", "e2e-1");

        assertThat(first.statusCode()).isEqualTo(201);
        assertThat(again.body()).isEqualTo(first.body());
        assertThat(again.headers().firstValue("Idempotent-Replayed")).hasValue("true");
        assertProblem(other, 422, "idempotency-key-reused");
    }

    @Test
    void aKeyOverItsRateLimitGets429WithRetryAfter() {
        String slow = createKey(owner, "{\"name\":\"slow\",\"scopes\":[\"api-keys:read\"],\"rateLimitPerSecond\":1}").path("secret").asText();
        // All at once, so that several land in the same second however slow a busy machine serves each one.
        HttpClient client = HttpClient.newHttpClient();
        List<CompletableFuture<HttpResponse<String>>> inFlight = new ArrayList<>();
        for (int i = 0; i < 10; i++) {
            inFlight.add(client.sendAsync(request(platform, "/v1/api-keys", AUTH, bearerOf(slow)).GET().build(),
                    HttpResponse.BodyHandlers.ofString()));
        }
        List<HttpResponse<String>> responses = inFlight.stream().map(CompletableFuture::join).toList();
        HttpResponse<String> limited = responses.stream().filter(r -> r.statusCode() == 429).findFirst().orElseThrow(
                () -> new AssertionError("no 429 among " + responses.stream().map(HttpResponse::statusCode).toList()));
        assertThat(limited.headers().firstValue("Retry-After")).hasValue("1");
        assertProblem(limited, 429, "rate-limited");
    }

    @Test
    void keyActionsAndAuthenticationFailuresReachTheAuditLog() {
        JsonNode key = createKey(owner, "{\"name\":\"audited\",\"scopes\":[\"messages:send\"]}");
        send(request(platform, "/v1/api-keys/" + key.path("id").asText(), AUTH, bearerOf(owner)).DELETE().build());
        get(platform, "/v1/api-keys", AUTH, bearerOf(key.path("secret").asText()));

        JsonNode revokedEvents = json(get(platform, "/v1/audit-events?action=api-key.revoked", AUTH, bearerOf(owner))).path("data");
        assertThat(revokedEvents.toString()).contains(key.path("id").asText());
        // Failures travel through the audit queue; the local poller delivers them to audit-writer within moments.
        await(Duration.ofSeconds(20), "the revoked key's 401 in the audit log", () -> {
            JsonNode failures = json(get(platform, "/v1/audit-events?action=auth.failed", AUTH, bearerOf(owner))).path("data");
            return failures.toString().contains("\"outcome\":\"revoked\"") && failures.toString().contains(key.path("id").asText());
        });
    }

    private static JsonNode createKey(String creator, String body) {
        HttpResponse<String> response = post(platform, "/v1/api-keys", body, AUTH, bearerOf(creator), "Content-Type", JSON);
        assertThat(response.statusCode()).as(response.body()).isEqualTo(201);
        return json(response);
    }

    private static void advanceClock(int seconds) {
        HttpResponse<String> response = send(request(platform, "/_local/clock/advance", "Content-Type", JSON)
                .POST(HttpRequest.BodyPublishers.ofString("{\"seconds\":" + seconds + "}")).build());
        assertThat(response.statusCode()).isEqualTo(200);
    }

    private static String bearerOf(String key) {
        return "Bearer " + key;
    }

    private static void assertProblem(HttpResponse<String> response, int status, String slug) {
        assertThat(response.statusCode()).as(response.body()).isEqualTo(status);
        assertThat(response.headers().firstValue("Content-Type")).hasValue("application/problem+json");
        JsonNode problem = json(response);
        assertThat(problem.path("type").asText()).isEqualTo("https://docs.penguinmails.dev/problems/" + slug);
        assertThat(problem.path("status").asInt()).isEqualTo(status);
        assertThat(problem.path("detail").asText()).isNotBlank();
    }
}
