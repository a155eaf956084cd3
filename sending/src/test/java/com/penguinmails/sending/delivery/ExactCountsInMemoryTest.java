package com.penguinmails.sending.delivery;

import com.penguinmails.sending.ips.IpService;
import com.penguinmails.sending.ledger.SendLedger;
import com.penguinmails.sending.messages.MessageStore;
import com.penguinmails.sending.suppressions.SuppressionService;
import com.penguinmails.sending.testing.InMemoryMessageStore;
import com.penguinmails.sending.testing.InMemorySendLedger;

/**
 * {@link ExactCountsContract} on in-memory stores. The events carry no recipient and the IP stays far below the
 * pause line's minimum sample, so suppressions and IPs are never reached.
 */
class ExactCountsInMemoryTest extends ExactCountsContract {

    @Override
    MessageStore newMessageStore() {
        return new InMemoryMessageStore();
    }

    @Override
    SendLedger newLedger() {
        return new InMemorySendLedger();
    }

    @Override
    SuppressionService suppressions() {
        return null;
    }

    @Override
    IpService ips() {
        return null;
    }
}
