package com.penguinmails.local;

import com.fasterxml.jackson.databind.JsonNode;
import com.penguinmails.core.platform.Json;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;

/**
 * Makes a fresh local run usable: creates a workspace and its owner through the platform's own public API with
 * the operator key, exactly as an operator would against AWS, and keeps the owner's API key it answers with. With a
 * data directory the next start checks, through the same API, that the kept workspace and key still work instead.
 */
final class Bootstrap {

    private static final String REQUEST = """
            {"name":"Local workspace","owner":{"email":"owner@penguinmails.local","name":"Local Owner"}}""";

    private Bootstrap() {
    }

    /** The workspace it created and the owner's API key secret. */
    record Result(String workspaceId, String ownerApiKey) {}

    static Result createWorkspace(URI baseUrl, OperatorKey operatorKey) {
        HttpRequest request = HttpRequest.newBuilder(baseUrl.resolve("/v1/workspaces"))
                .header("Authorization", "Bearer " + operatorKey.secret())
                .header("Content-Type", "application/json")
                .timeout(Duration.ofSeconds(30))
                .POST(HttpRequest.BodyPublishers.ofString(REQUEST))
                .build();
        HttpResponse<String> response = send(request);
        if (response.statusCode() != 201) {
            throw new IllegalStateException("bootstrap: POST /v1/workspaces answered " + response.statusCode()
                    + " instead of 201: " + response.body());
        }
        try {
            JsonNode created = Json.MAPPER.readTree(response.body());
            String workspaceId = created.path("workspace").path("id").asText(null);
            String secret = created.path("apiKey").path("secret").asText(null);
            if (workspaceId == null || secret == null) {
                throw new IllegalStateException("bootstrap: POST /v1/workspaces answered without workspace.id or"
                        + " apiKey.secret: " + response.body());
            }
            return new Result(workspaceId, secret);
        } catch (IOException e) {
            throw new IllegalStateException("bootstrap: POST /v1/workspaces answered no JSON: " + response.body(), e);
        }
    }

    /**
     * Whether a workspace bootstrapped by an earlier start is still there and its owner's key still authenticates;
     * false when the key was revoked or rotated past its grace period, or the DynamoDB data was removed.
     */
    static boolean stillWorks(URI baseUrl, Result kept) {
        HttpRequest request = HttpRequest.newBuilder(baseUrl.resolve("/v1/workspace"))
                .header("Authorization", "Bearer " + kept.ownerApiKey())
                .timeout(Duration.ofSeconds(30))
                .GET()
                .build();
        HttpResponse<String> response = send(request);
        if (response.statusCode() == 401 || response.statusCode() == 403 || response.statusCode() == 404) {
            return false;
        }
        if (response.statusCode() != 200) {
            // Not proof the workspace is gone: making another one would leave the user with two.
            throw new IllegalStateException("bootstrap: GET /v1/workspace answered " + response.statusCode() + ": " + response.body());
        }
        try {
            return kept.workspaceId().equals(Json.MAPPER.readTree(response.body()).path("id").asText(null));
        } catch (IOException e) {
            throw new IllegalStateException("bootstrap: GET /v1/workspace answered no JSON: " + response.body(), e);
        }
    }

    private static HttpResponse<String> send(HttpRequest request) {
        try {
            return HttpClient.newHttpClient().send(request, HttpResponse.BodyHandlers.ofString());
        } catch (IOException e) {
            throw new IllegalStateException("bootstrap: " + request.method() + " " + request.uri().getPath() + " failed", e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("bootstrap: interrupted", e);
        }
    }
}
