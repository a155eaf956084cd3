package com.penguinmails.core.idempotency;

import java.util.Map;
import java.util.Optional;

/**
 * Remembers POST responses by {@code Idempotency-Key} for 24 hours so a retried request gets the first answer
 * instead of doing the work twice.
 */
public interface IdempotencyStore {

    /** A response that was stored for replay. */
    record StoredResponse(int status, Map<String, String> headers, String body) {}

    /** What claiming a key found. */
    sealed interface Claim permits Claimed, Replay, Mismatch, InProgress {}

    /** The key was free: this request owns it and must {@link #complete} or {@link #release} it. */
    record Claimed() implements Claim {}

    /** The same request already completed: answer with its response. */
    record Replay(StoredResponse response) implements Claim {}

    /** The key was used with a different request body. */
    record Mismatch() implements Claim {}

    /** The first request with this key is still running. */
    record InProgress() implements Claim {}

    Claim claim(String recordKey, String requestHash);

    void complete(String recordKey, StoredResponse response);

    /** Frees the key after a failure that should not be replayed (a 5xx), so the client can retry. */
    void release(String recordKey);
}
