package com.penguinmails.shared.idempotency;

import com.penguinmails.shared.testing.InMemoryIdempotencyStore;

/** {@link IdempotencyStoreContract} on the in-memory fake. */
class InMemoryIdempotencyStoreTest extends IdempotencyStoreContract {

    @Override
    IdempotencyStore newStore() {
        return new InMemoryIdempotencyStore(clock);
    }
}
