package com.penguinmails.shared.mailboxes;

import com.penguinmails.shared.audit.AuditRecorder;
import com.penguinmails.shared.ledger.SendLedger;
import com.penguinmails.shared.mailboxes.internal.LocalSecretCipher;
import com.penguinmails.shared.testing.InMemoryAuditLog;
import com.penguinmails.shared.testing.InMemoryMailboxStore;
import com.penguinmails.shared.testing.InMemorySendLedger;
import com.penguinmails.shared.warmup.WarmupPolicy;
import java.util.List;

/** {@link MailboxServiceContract} on the in-memory fakes: the same behaviour, in milliseconds. */
class InMemoryMailboxServiceTest extends MailboxServiceContract {

    private InMemoryMailboxStore store;
    private InMemorySendLedger ledger;

    @Override
    MailboxService newService() {
        store = new InMemoryMailboxStore();
        ledger = new InMemorySendLedger();
        return new MailboxService(store, ledger, LocalSecretCipher.fromBase64(LocalSecretCipher.newBase64Key()),
                new AuditRecorder(new InMemoryAuditLog(), clock), clock, WarmupPolicy.defaults(), ServerOverrides.NONE);
    }

    @Override
    SendLedger ledger() {
        return ledger;
    }

    @Override
    List<String> storedItems() {
        List<String> items = new java.util.ArrayList<>();
        // The settings' toString hides the ciphertexts; what the store holds includes them.
        store.forEach(mailbox -> items.add(mailbox + " " + mailbox.smtp().passwordCiphertext()
                + (mailbox.imap() == null ? "" : " " + mailbox.imap().passwordCiphertext())));
        return items;
    }
}
