package com.penguinmails.functions.http;

import com.penguinmails.core.idempotency.IdempotencyStore.StoredResponse;
import com.penguinmails.core.idempotency.IdempotentRequests;
import com.penguinmails.core.platform.Hashing;
import java.util.HashMap;
import java.util.function.Supplier;

/**
 * {@code Idempotency-Key} on POST: the same key with the same request returns the first response (marked
 * {@code Idempotent-Replayed: true}); with another body it is a 422; while the first is still running, a 409.
 * Keys are scoped to the caller's workspace. 5xx answers are not stored, so the client can retry them.
 */
final class Idempotency {

    private final IdempotentRequests requests;

    Idempotency(IdempotentRequests requests) {
        this.requests = requests;
    }

    ApiResponse run(ApiRequest request, String idempotencyKey, Supplier<ApiResponse> work) {
        String owner = request.principal().workspaceId() != null ? request.principal().workspaceId() : request.principal().actor();
        String fingerprint = Hashing.sha256Hex(request.method() + " " + request.path() + "\n" + (request.body() == null ? "" : request.body()));
        IdempotentRequests.Outcome outcome = requests.run(owner, idempotencyKey, fingerprint, () -> {
            ApiResponse response = work.get();
            return new StoredResponse(response.status(), new HashMap<>(response.headers()), response.body());
        });
        StoredResponse stored = outcome.response();
        ApiResponse response = new ApiResponse(stored.status(), stored.headers(), stored.body());
        return outcome.replayed() ? response.withHeader("Idempotent-Replayed", "true") : response;
    }
}
