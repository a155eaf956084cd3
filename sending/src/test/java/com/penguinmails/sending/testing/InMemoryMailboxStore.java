package com.penguinmails.sending.testing;

import com.penguinmails.sending.mailboxes.Mailbox;
import com.penguinmails.sending.mailboxes.MailboxStore;
import com.penguinmails.sending.mailboxes.Pacing;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.function.Consumer;

/**
 * Mailboxes in memory with the DynamoDB store's two guards: settings and warmup state are saved only over the
 * version they were read at (stored at version 1 when created), and the pacing is its own compare-and-set on an item
 * of its own, which {@link #save} leaves alone. A mailbox's {@link Mailbox#pacing()} as created or as
 * {@link #storeOldRowPacing} put it stands for what its row held before pacing moved: {@link #findPacing} is empty
 * and the first {@link #updatePacing} creates the item, as on DynamoDB.
 */
public final class InMemoryMailboxStore implements MailboxStore {

    private final TreeMap<String, Mailbox> mailboxes = new TreeMap<>();
    private final Map<String, Pacing> pacingItems = new HashMap<>();

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
    public synchronized Optional<Pacing> findPacing(String mailboxId) {
        return Optional.ofNullable(pacingItems.get(mailboxId));
    }

    @Override
    public synchronized boolean updatePacing(String mailboxId, Pacing expected, Pacing next) {
        Pacing stored = pacingItems.get(mailboxId);
        if (stored != null && !stored.equals(expected)) {
            return false;
        }
        pacingItems.put(mailboxId, next);
        return true;
    }

    /** What a mailbox's row holds when the last send before pacing moved to its own item wrote {@code pacing} there. */
    public synchronized void storeOldRowPacing(String workspaceId, String mailboxId, Pacing pacing) {
        mailboxes.computeIfPresent(key(workspaceId, mailboxId), (k, mailbox) -> mailbox.withPacing(pacing));
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
