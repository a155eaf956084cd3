package com.penguinmails.sending.suppressions;

import com.penguinmails.core.testing.TestClock;
import com.penguinmails.identity.audit.AuditRecorder;
import com.penguinmails.identity.testing.InMemoryAuditLog;
import com.penguinmails.sending.ips.IpService;
import com.penguinmails.sending.ips.PoolProvisioner;
import com.penguinmails.sending.testing.InMemoryDomainStore;
import com.penguinmails.sending.testing.InMemoryDueMessages;
import com.penguinmails.sending.testing.InMemoryIpStore;
import com.penguinmails.sending.testing.InMemoryMessageStore;
import com.penguinmails.sending.testing.InMemorySendLedger;
import com.penguinmails.sending.testing.InMemorySuppressionStore;
import com.penguinmails.sending.testing.PinnedRandom;
import com.penguinmails.sending.warmup.WarmupPolicy;

/** {@link SuppressionAtSendContract} on the in-memory fakes. */
class SuppressionAtSendInMemoryTest extends SuppressionAtSendContract {

    @Override
    Stores stores(TestClock clock) {
        InMemoryIpStore ipStore = new InMemoryIpStore();
        InMemorySendLedger ledger = new InMemorySendLedger();
        AuditRecorder audit = new AuditRecorder(new InMemoryAuditLog(), clock);
        return new Stores(new InMemoryMessageStore(), new InMemorySuppressionStore(), ipStore,
                new IpService(ipStore, ledger, audit, clock, WarmupPolicy.defaults(), PoolProvisioner.NONE, PinnedRandom.lowest()), ledger,
                new InMemoryDueMessages(), new InMemoryDomainStore(), audit);
    }
}
