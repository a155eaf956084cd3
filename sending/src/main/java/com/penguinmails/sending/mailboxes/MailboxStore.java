package com.penguinmails.sending.mailboxes;

import java.util.List;
import java.util.Optional;
import java.util.function.Consumer;

public interface MailboxStore {

    /** Stores a new mailbox (its id is new; the service checks the address is not taken in the workspace). */
    void create(Mailbox mailbox);

    /**
     * The mailbox's settings and warmup state. Its {@link Mailbox#pacing()} is what the mailbox's own row holds, which
     * is only the pacing from before it moved to an item of its own ({@link #findPacing}); nothing writes it any more.
     */
    Optional<Mailbox> find(String workspaceId, String mailboxId);

    List<Mailbox> list(String workspaceId);

    /**
     * Saves settings and warmup state if nobody changed them since {@code mailbox.version()} was read; false otherwise
     * (read again, retry). Leaves the pacing alone.
     */
    boolean save(Mailbox mailbox);

    /**
     * The mailbox's send pacing, on an item of its own in the mailbox's own partition: every send (cold or warmup)
     * writes it, and the mailbox rows of a workspace share one partition, which would make that one key take every
     * send of the workspace. Empty while no send has written it since it moved there; then the pacing the mailbox's
     * row still holds ({@link #find}) is the current one.
     */
    Optional<Pacing> findPacing(String mailboxId);

    /**
     * Replaces the pacing if it still equals {@code expected}, in one conditional write; false when another send
     * changed it first. While the mailbox has no pacing item yet, the first write creates it and any later one with
     * the same {@code expected} fails: {@code expected} then came from the row's old pacing, which nothing changes any
     * more. (Pacing never comes back to an earlier value, since every write moves the gate or the cursor on, so a
     * sender that read the old row cannot mistake a later item for it.)
     */
    boolean updatePacing(String mailboxId, Pacing expected, Pacing next);

    /** Every mailbox of every workspace, page by page (the warmup run). */
    void forEach(Consumer<Mailbox> action);
}
