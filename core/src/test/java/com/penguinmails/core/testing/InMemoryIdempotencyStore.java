package com.penguinmails.core.testing;

import com.penguinmails.core.idempotency.IdempotencyStore;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.Map;

/**
 * Idempotency records in memory with the DynamoDB store's rules: a claim succeeds only on a free key (none, expired
 * after {@link #RETENTION}, or an in-progress claim whose {@link #LOCK} ran out), the same body replays a completed
 * response, another body is a mismatch.
 */
public final class InMemoryIdempotencyStore implements IdempotencyStore {

    public static final Duration RETENTION = Duration.ofHours(24);
    public static final Duration LOCK = Duration.ofMinutes(1);

    private record RecordState(String requestHash, StoredResponse response, Instant lockedUntil, Instant expiresAt) {}

    private final Clock clock;
    private final Map<String, RecordState> records = new HashMap<>();

    public InMemoryIdempotencyStore(Clock clock) {
        this.clock = clock;
    }

    @Override
    public synchronized Claim claim(String recordKey, String requestHash) {
        // Whole seconds, as the DynamoDB store keeps its times.
        Instant now = Instant.ofEpochSecond(clock.instant().getEpochSecond());
        RecordState existing = records.get(recordKey);
        boolean free = existing == null || !existing.expiresAt().isAfter(now)
                || existing.response() == null && !existing.lockedUntil().isAfter(now);
        if (free) {
            records.put(recordKey, new RecordState(requestHash, null, now.plus(LOCK), now.plus(RETENTION)));
            return new Claimed();
        }
        if (!existing.requestHash().equals(requestHash)) {
            return new Mismatch();
        }
        return existing.response() == null ? new InProgress() : new Replay(existing.response());
    }

    @Override
    public synchronized void complete(String recordKey, StoredResponse response) {
        RecordState existing = records.get(recordKey);
        if (existing != null) {
            records.put(recordKey, new RecordState(existing.requestHash(), response, existing.lockedUntil(), existing.expiresAt()));
        }
    }

    @Override
    public synchronized void release(String recordKey) {
        records.remove(recordKey);
    }
}
