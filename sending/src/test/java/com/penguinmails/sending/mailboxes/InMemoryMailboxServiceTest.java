package com.penguinmails.sending.mailboxes;

import com.penguinmails.identity.audit.AuditRecorder;
import com.penguinmails.identity.testing.InMemoryAuditLog;
import com.penguinmails.sending.ledger.SendLedger;
import com.penguinmails.sending.mailboxes.internal.LocalSecretCipher;
import com.penguinmails.sending.testing.InMemoryMailboxStore;
import com.penguinmails.sending.testing.InMemorySendLedger;
import com.penguinmails.sending.warmup.WarmupPolicy;
import java.util.List;

/** {@link MailboxServiceContract} on the in-memory fakes: the same behaviour, in milliseconds. */
class InMemoryMailboxServiceTest extends MailboxServiceContract {

    private InMemoryMailboxStore store;
    private InMemorySendLedger ledger;

    @Override
    protected MailboxService newService() {
        store = new InMemoryMailboxStore();
        ledger = new InMemorySendLedger();
        return new MailboxService(store, ledger, LocalSecretCipher.fromBase64(LocalSecretCipher.newBase64Key()),
                new AuditRecorder(new InMemoryAuditLog(), clock), clock, WarmupPolicy.defaults(), ServerOverrides.NONE);
    }

    @Override
    protected SendLedger ledger() {
        return ledger;
    }

    @Override
    protected void storeOldRowPacing(String workspaceId, String mailboxId, Pacing pacing) {
        store.storeOldRowPacing(workspaceId, mailboxId, pacing);
    }

    @Override
    protected List<String> storedItems() {
        List<String> items = new java.util.ArrayList<>();
        // The settings' toString hides the ciphertexts; what the store holds includes them.
        store.forEach(mailbox -> items.add(mailbox + " " + mailbox.smtp().passwordCiphertext()
                + (mailbox.imap() == null ? "" : " " + mailbox.imap().passwordCiphertext())));
        return items;
    }
}
