package com.penguinmails.core.idempotency;

import static org.assertj.core.api.Assertions.assertThat;

import com.penguinmails.core.idempotency.IdempotencyStore.StoredResponse;
import com.penguinmails.core.testing.TestClock;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** What every idempotency store does; run on DynamoDB and on the in-memory fake by the subclasses. */
abstract class IdempotencyStoreContract {

    final TestClock clock = new TestClock(Instant.parse("2026-11-25T10:00:00Z"));
    private IdempotencyStore store;

    abstract IdempotencyStore newStore();

    @BeforeEach
    void setUp() {
        store = newStore();
    }

    @Test
    void aCompletedRequestIsReplayedAndAnotherBodyIsAMismatch() {
        assertThat(store.claim("ws#k1", "hash-a")).isInstanceOf(IdempotencyStore.Claimed.class);
        assertThat(store.claim("ws#k1", "hash-a")).as("second caller while the first runs").isInstanceOf(IdempotencyStore.InProgress.class);
        store.complete("ws#k1", new StoredResponse(201, Map.of("Location", "/v1/x"), "{\"id\":1}"));

        assertThat(store.claim("ws#k1", "hash-a")).isEqualTo(new IdempotencyStore.Replay(
                new StoredResponse(201, Map.of("Location", "/v1/x"), "{\"id\":1}")));
        assertThat(store.claim("ws#k1", "hash-b")).isInstanceOf(IdempotencyStore.Mismatch.class);
    }

    @Test
    void aReleasedOrAbandonedClaimCanBeTakenAgain() {
        store.claim("ws#k2", "hash");
        store.release("ws#k2");
        assertThat(store.claim("ws#k2", "hash")).isInstanceOf(IdempotencyStore.Claimed.class);

        clock.advance(Duration.ofMinutes(2));
        assertThat(store.claim("ws#k2", "hash")).as("the crashed owner's lock expired").isInstanceOf(IdempotencyStore.Claimed.class);
    }

    @Test
    void recordsExpireAfterADay() {
        store.claim("ws#k3", "hash");
        store.complete("ws#k3", new StoredResponse(200, Map.of(), "{}"));
        clock.advance(Duration.ofHours(24));
        assertThat(store.claim("ws#k3", "other")).isInstanceOf(IdempotencyStore.Claimed.class);
    }
}
