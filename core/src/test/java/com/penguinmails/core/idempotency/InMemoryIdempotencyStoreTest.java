package com.penguinmails.core.idempotency;

import com.penguinmails.core.testing.InMemoryIdempotencyStore;

/** {@link IdempotencyStoreContract} on the in-memory fake. */
class InMemoryIdempotencyStoreTest extends IdempotencyStoreContract {

    @Override
    IdempotencyStore newStore() {
        return new InMemoryIdempotencyStore(clock);
    }
}
