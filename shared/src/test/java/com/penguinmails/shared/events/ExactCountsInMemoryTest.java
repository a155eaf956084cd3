package com.penguinmails.shared.events;

import com.penguinmails.shared.ips.IpService;
import com.penguinmails.shared.ledger.SendLedger;
import com.penguinmails.shared.messages.MessageStore;
import com.penguinmails.shared.suppressions.SuppressionService;
import com.penguinmails.shared.testing.InMemoryMessageStore;
import com.penguinmails.shared.testing.InMemorySendLedger;

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
