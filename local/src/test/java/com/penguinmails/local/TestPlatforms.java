package com.penguinmails.local;

import com.fasterxml.jackson.databind.JsonNode;
import com.penguinmails.catalog.FunctionCatalog;
import com.penguinmails.core.platform.Json;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.function.BooleanSupplier;

/** Starts a platform on the test catalog (free port, no bootstrap) and talks HTTP to it. */
final class TestPlatforms {

    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    private TestPlatforms() {
    }

    static LocalPlatform start() {
        return LocalPlatform.builder().catalog(testCatalog()).port(0).bootstrap(false).start();
    }

    static FunctionCatalog testCatalog() {
        try (InputStream in = TestPlatforms.class.getResourceAsStream("/penguinmails/local-test-catalog.yaml")) {
            return FunctionCatalog.parse(in);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static HttpResponse<String> get(LocalPlatform platform, String path, String... headers) {
        return send(request(platform, path, headers).GET().build());
    }

    static HttpResponse<String> post(LocalPlatform platform, String path, String body, String... headers) {
        return send(request(platform, path, headers).POST(HttpRequest.BodyPublishers.ofString(body)).build());
    }

    static HttpRequest.Builder request(LocalPlatform platform, String path, String... headers) {
        HttpRequest.Builder builder = HttpRequest.newBuilder(URI.create(platform.url() + path))
                .timeout(Duration.ofSeconds(30));
        return headers.length == 0 ? builder : builder.headers(headers);
    }

    /**
     * A time zone where it is now around noon on the platform clock, so a mailbox's working day cannot turn during
     * a test, whatever time the test runs.
     */
    static String zoneAtNoon(LocalPlatform platform) {
        int hour = platform.clock().instant().atZone(java.time.ZoneOffset.UTC).getHour();
        int offset = 12 - hour;
        return java.time.ZoneOffset.ofHours(offset > 14 ? offset - 24 : offset).getId();
    }

    /** Adds a sending domain, publishes its records in the local zone file and verifies it, failing the test otherwise. */
    static void verifiedDomain(LocalPlatform platform, String authorization, String domain) {
        org.assertj.core.api.Assertions.assertThat(post(platform, "/v1/domains", "{\"name\":\"" + domain + "\"}",
                "Authorization", authorization, "Content-Type", "application/json").statusCode()).isEqualTo(201);
        org.assertj.core.api.Assertions.assertThat(post(platform, "/_local/dns/" + domain + "/publish", "").statusCode()).isEqualTo(200);
        org.assertj.core.api.Assertions.assertThat(json(post(platform, "/v1/domains/" + domain + "/verify", "", "Authorization", authorization))
                .path("status").asText()).isEqualTo("VERIFIED");
    }

    /**
     * Adds a dedicated IP with one warmup step of {@code dailyCap} and a pool of just that IP, failing the test
     * otherwise; answers the pool's id.
     */
    static String ipPool(LocalPlatform platform, String authorization, String name, String address, int dailyCap) {
        HttpResponse<String> ip = post(platform, "/v1/ips", "{\"address\":\"" + address + "\",\"warmupSteps\":[" + dailyCap + "]}",
                "Authorization", authorization, "Content-Type", "application/json");
        org.assertj.core.api.Assertions.assertThat(ip.statusCode()).as(ip.body()).isEqualTo(201);
        HttpResponse<String> pool = post(platform, "/v1/ip-pools", "{\"name\":\"" + name + "\",\"ips\":[{\"ipId\":\""
                + json(ip).path("id").asText() + "\",\"weight\":1}]}", "Authorization", authorization, "Content-Type", "application/json");
        org.assertj.core.api.Assertions.assertThat(pool.statusCode()).as(pool.body()).isEqualTo(201);
        return json(pool).path("id").asText();
    }

    /**
     * Invites {@code email} with {@code role} as the owner ({@code ownerAuthorization}), accepts the invitation and
     * answers the new member's first key as an Authorization value; fails the test otherwise.
     */
    static String member(LocalPlatform platform, String ownerAuthorization, String email, String role) {
        HttpResponse<String> invited = post(platform, "/v1/members", "{\"email\":\"" + email + "\",\"role\":\"" + role + "\"}",
                "Authorization", ownerAuthorization, "Content-Type", "application/json");
        org.assertj.core.api.Assertions.assertThat(invited.statusCode()).as(invited.body()).isEqualTo(201);
        HttpResponse<String> accepted = post(platform, "/v1/invitations/accept", "{\"token\":\"" + json(invited).path("invitationToken").asText() + "\"}",
                "Content-Type", "application/json");
        org.assertj.core.api.Assertions.assertThat(accepted.statusCode()).as(accepted.body()).isEqualTo(200);
        return "Bearer " + json(accepted).path("apiKey").path("secret").asText();
    }

    static HttpRequest.Builder requestTo(String url) {
        return HttpRequest.newBuilder(URI.create(url)).timeout(Duration.ofSeconds(30));
    }

    static HttpResponse<String> send(HttpRequest request) {
        try {
            return HTTP.send(request, HttpResponse.BodyHandlers.ofString());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    static JsonNode json(HttpResponse<String> response) {
        try {
            return Json.MAPPER.readTree(response.body());
        } catch (IOException e) {
            throw new UncheckedIOException("not JSON: " + response.body(), e);
        }
    }

    /** Polls until the condition holds; fails the test with {@code what} if it does not within the timeout. */
    static void await(Duration timeout, String what, BooleanSupplier condition) {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("timed out after " + timeout + " waiting for " + what);
            }
            try {
                Thread.sleep(50);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new AssertionError(e);
            }
        }
    }
}
