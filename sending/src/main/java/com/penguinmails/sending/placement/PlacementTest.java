package com.penguinmails.sending.placement;

import com.penguinmails.sending.mailboxes.MailboxProvider;
import com.penguinmails.sending.mailboxes.PlacementFolder;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Locale;

/**
 * A placement test: one content sent from one of the workspace's mailboxes to each of its seed mailboxes (its other
 * mailboxes enrolled in warmup, which the warmup run reads over IMAP), and where each copy landed.
 */
public record PlacementTest(String id, String workspaceId, String fromMailboxId, String subject, Instant createdAt, List<SeedCopy> copies) {

    /** How long a copy may take to be seen before it counts as missing: three warmup runs (every 10 minutes). */
    public static final Duration PENDING_FOR = Duration.ofMinutes(30);

    public PlacementTest {
        copies = List.copyOf(copies);
    }

    /**
     * One copy, at one seed mailbox.
     *
     * @param folder     where the seed found it; null until seen
     * @param observedAt when the seed found it; null until seen
     * @param sendError  why the copy could not be sent; null when it was
     */
    public record SeedCopy(String seedMailboxId, String seedAddress, MailboxProvider provider, PlacementFolder folder, Instant observedAt,
                           String sendError) {

        public SeedCopy observed(PlacementFolder where, Instant at) {
            return new SeedCopy(seedMailboxId, seedAddress, provider, where, at, sendError);
        }

        public SeedCopy failed(String error) {
            return new SeedCopy(seedMailboxId, seedAddress, provider, folder, observedAt, error);
        }
    }

    /** What a person reads for a copy: where it landed, or why it has not been seen. */
    public enum CopyStatus {
        INBOX, SPAM, OTHER,
        /** Sent, not seen yet, still within {@link #PENDING_FOR}. */
        PENDING,
        /** Sent, not seen within {@link #PENDING_FOR}: dropped, or filed where no seed looks. */
        MISSING,
        /** Could not be sent (the sending mailbox's server refused it). */
        NOT_SENT;

        public String wireName() {
            return name().toLowerCase(Locale.ROOT).replace("_", "-");
        }
    }

    public CopyStatus status(SeedCopy copy, Instant now) {
        if (copy.sendError() != null) {
            return CopyStatus.NOT_SENT;
        }
        if (copy.folder() != null) {
            return switch (copy.folder()) {
                case INBOX -> CopyStatus.INBOX;
                case SPAM -> CopyStatus.SPAM;
                case OTHER -> CopyStatus.OTHER;
            };
        }
        return now.isBefore(createdAt.plus(PENDING_FOR)) ? CopyStatus.PENDING : CopyStatus.MISSING;
    }

    /** Complete once no copy is pending. */
    public boolean complete(Instant now) {
        return copies.stream().noneMatch(c -> status(c, now) == CopyStatus.PENDING);
    }
}
