package com.penguinmails.sending.messages;

import com.penguinmails.sending.testing.InMemoryMessageStore;

/** {@link MessageClaimContract} on the in-memory fake. */
class InMemoryMessageClaimTest extends MessageClaimContract {

    @Override
    MessageStore newStore() {
        return new InMemoryMessageStore();
    }
}
