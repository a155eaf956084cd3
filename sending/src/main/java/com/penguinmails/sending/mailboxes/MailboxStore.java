package com.penguinmails.sending.mailboxes;

import java.util.List;
import java.util.Optional;
import java.util.function.Consumer;

public interface MailboxStore {

    /** Stores a new mailbox (its id is new; the service checks the address is not taken in the workspace). */
    void create(Mailbox mailbox);

    Optional<Mailbox> find(String workspaceId, String mailboxId);

    List<Mailbox> list(String workspaceId);

    /**
     * Saves settings and warmup state if nobody changed them since {@code mailbox.version()} was read; false otherwise
     * (read again, retry). Leaves the pacing alone.
     */
    boolean save(Mailbox mailbox);

    /** Replaces the pacing if it still equals {@code expected}; false when another send changed it first. */
    boolean updatePacing(String workspaceId, String mailboxId, Pacing expected, Pacing next);

    /** Every mailbox of every workspace, page by page (the warmup run). */
    void forEach(Consumer<Mailbox> action);
}
