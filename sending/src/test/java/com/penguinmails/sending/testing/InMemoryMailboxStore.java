package com.penguinmails.sending.testing;

import com.penguinmails.sending.mailboxes.Mailbox;
import com.penguinmails.sending.mailboxes.MailboxStore;
import com.penguinmails.sending.mailboxes.Pacing;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.TreeMap;
import java.util.function.Consumer;

/**
 * Mailboxes in memory with the DynamoDB store's two guards: settings and warmup state are saved only over the
 * version they were read at (stored at version 1 when created), and the pacing is its own compare-and-set, which
 * {@link #save} leaves alone.
 */
public final class InMemoryMailboxStore implements MailboxStore {

    private final TreeMap<String, Mailbox> mailboxes = new TreeMap<>();

    @Override
    public synchronized void create(Mailbox mailbox) {
        if (mailboxes.putIfAbsent(key(mailbox.workspaceId(), mailbox.id()), mailbox.withVersion(1)) != null) {
            throw new IllegalStateException("mailbox " + mailbox.id() + " exists");
        }
    }

    @Override
    public synchronized Optional<Mailbox> find(String workspaceId, String mailboxId) {
        return Optional.ofNullable(mailboxes.get(key(workspaceId, mailboxId)));
    }

    @Override
    public synchronized List<Mailbox> list(String workspaceId) {
        return List.copyOf(mailboxes.subMap(workspaceId + "#", workspaceId + "#\uffff").values());
    }

    @Override
    public synchronized boolean save(Mailbox mailbox) {
        String key = key(mailbox.workspaceId(), mailbox.id());
        Mailbox stored = mailboxes.get(key);
        if (stored == null || stored.version() != mailbox.version()) {
            return false;
        }
        mailboxes.put(key, mailbox.withVersion(mailbox.version() + 1).withPacing(stored.pacing()));
        return true;
    }

    @Override
    public synchronized boolean updatePacing(String workspaceId, String mailboxId, Pacing expected, Pacing next) {
        String key = key(workspaceId, mailboxId);
        Mailbox stored = mailboxes.get(key);
        if (stored == null || !Objects.equals(stored.pacing(), expected)) {
            return false;
        }
        mailboxes.put(key, stored.withPacing(next));
        return true;
    }

    @Override
    public void forEach(Consumer<Mailbox> action) {
        List<Mailbox> all;
        synchronized (this) {
            all = new ArrayList<>(mailboxes.values());
        }
        all.forEach(action);
    }

    private static String key(String workspaceId, String id) {
        return workspaceId + "#" + id;
    }
}
