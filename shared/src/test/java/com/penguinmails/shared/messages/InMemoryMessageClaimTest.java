package com.penguinmails.shared.messages;

import com.penguinmails.shared.testing.InMemoryMessageStore;

/** {@link MessageClaimContract} on the in-memory fake. */
class InMemoryMessageClaimTest extends MessageClaimContract {

    @Override
    MessageStore newStore() {
        return new InMemoryMessageStore();
    }
}
