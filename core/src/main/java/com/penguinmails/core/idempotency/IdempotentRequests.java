package com.penguinmails.core.idempotency;

import com.penguinmails.core.idempotency.IdempotencyStore.StoredResponse;
import com.penguinmails.core.problems.ApiProblem;
import java.util.function.Supplier;

/**
 * {@code Idempotency-Key}: the same key with the same request returns the first response; with another request it
 * is a 422; while the first is still running, a 409. 5xx answers are not stored, so the client can retry them. The
 * HTTP layer says who owns the key and what identifies the request; this decides what to run and what to keep.
 */
public final class IdempotentRequests {

    private static final int MAX_KEY_LENGTH = 255;

    private final IdempotencyStore store;

    public IdempotentRequests(IdempotencyStore store) {
        this.store = store;
    }

    /** A response, and whether it is the stored answer to an earlier request with the same key. */
    public record Outcome(StoredResponse response, boolean replayed) {}

    /**
     * @param owner       whose keys these are (the workspace, or the operator), so keys never collide across tenants
     * @param fingerprint what identifies the request (method, path, body): the same key with another one is a 422
     */
    public Outcome run(String owner, String idempotencyKey, String fingerprint, Supplier<StoredResponse> work) {
        if (idempotencyKey.isBlank() || idempotencyKey.length() > MAX_KEY_LENGTH) {
            throw ApiProblem.invalidField("Idempotency-Key", "Idempotency-Key must be 1 to 255 characters, e.g. a UUID.");
        }
        String recordKey = owner + "#" + idempotencyKey;
        IdempotencyStore.Claim claim = store.claim(recordKey, fingerprint);
        if (claim instanceof IdempotencyStore.Replay replay) {
            return new Outcome(replay.response(), true);
        }
        if (claim instanceof IdempotencyStore.Mismatch) {
            throw ApiProblem.unprocessable("idempotency-key-reused",
                    "This Idempotency-Key was already used with a different request. Use a new key for a new request.");
        }
        if (claim instanceof IdempotencyStore.InProgress) {
            throw ApiProblem.conflict("idempotency-in-progress",
                    "A request with this Idempotency-Key is still being processed. Retry in a moment.");
        }
        StoredResponse response;
        try {
            response = work.get();
        } catch (RuntimeException e) {
            store.release(recordKey);
            throw e;
        }
        if (response.status() >= 500) {
            store.release(recordKey);
        } else {
            store.complete(recordKey, response);
        }
        return new Outcome(response, false);
    }
}
