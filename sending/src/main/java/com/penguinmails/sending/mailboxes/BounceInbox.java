package com.penguinmails.sending.mailboxes;

import java.util.function.Predicate;

/** Where bounce reports are read from a mailbox (IMAP in practice; see internal.ImapBounceInbox). */
public interface BounceInbox {

    /**
     * One pass over the mailbox's recent possible bounce reports (from a mailer daemon or postmaster, or a delivery
     * status notification; in INBOX and spam folders; not yet deleted): each is handed whole (RFC 5322 bytes) to
     * {@code handle}, without marking it read. Those {@code handle} takes (true) are marked read and deleted, so they
     * are handled once; the rest stay as they were. An exception from {@code handle} ends the pass.
     *
     * @return how many were taken
     */
    int process(ImapSettings settings, Predicate<byte[]> handle);
}
