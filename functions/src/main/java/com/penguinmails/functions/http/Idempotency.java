package com.penguinmails.functions.http;

import com.penguinmails.shared.idempotency.IdempotencyStore;
import com.penguinmails.shared.idempotency.IdempotencyStore.StoredResponse;
import com.penguinmails.shared.platform.Hashing;
import com.penguinmails.shared.problems.ApiProblem;
import java.util.HashMap;
import java.util.function.Supplier;

/**
 * {@code Idempotency-Key} on POST: the same key with the same request returns the first response (marked
 * {@code Idempotent-Replayed: true}); with another body it is a 422; while the first is still running, a 409.
 * Keys are scoped to the caller's workspace. 5xx answers are not stored, so the client can retry them.
 */
final class Idempotency {

    private static final int MAX_KEY_LENGTH = 255;

    private final IdempotencyStore store;

    Idempotency(IdempotencyStore store) {
        this.store = store;
    }

    ApiResponse run(ApiRequest request, String idempotencyKey, Supplier<ApiResponse> work) {
        if (idempotencyKey.isBlank() || idempotencyKey.length() > MAX_KEY_LENGTH) {
            throw ApiProblem.invalidField("Idempotency-Key", "Idempotency-Key must be 1 to 255 characters, e.g. a UUID.");
        }
        String owner = request.principal().workspaceId() != null ? request.principal().workspaceId() : request.principal().actor();
        String recordKey = owner + "#" + idempotencyKey;
        String requestHash = Hashing.sha256Hex(request.method() + " " + request.path() + "\n" + (request.body() == null ? "" : request.body()));
        IdempotencyStore.Claim claim = store.claim(recordKey, requestHash);
        if (claim instanceof IdempotencyStore.Replay replay) {
            StoredResponse stored = replay.response();
            return new ApiResponse(stored.status(), stored.headers(), stored.body()).withHeader("Idempotent-Replayed", "true");
        }
        if (claim instanceof IdempotencyStore.Mismatch) {
            throw ApiProblem.unprocessable("idempotency-key-reused",
                    "This Idempotency-Key was already used with a different request. Use a new key for a new request.");
        }
        if (claim instanceof IdempotencyStore.InProgress) {
            throw ApiProblem.conflict("idempotency-in-progress",
                    "A request with this Idempotency-Key is still being processed. Retry in a moment.");
        }
        ApiResponse response;
        try {
            response = work.get();
        } catch (RuntimeException e) {
            store.release(recordKey);
            throw e;
        }
        if (response.status() >= 500) {
            store.release(recordKey);
        } else {
            store.complete(recordKey, new StoredResponse(response.status(), new HashMap<>(response.headers()), response.body()));
        }
        return response;
    }
}
