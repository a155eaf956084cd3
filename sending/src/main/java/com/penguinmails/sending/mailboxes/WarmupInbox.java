package com.penguinmails.sending.mailboxes;

import java.util.List;
import java.util.function.Predicate;

/** The receiving side's access to a mailbox (IMAP in practice; see internal.ImapWarmupInbox). */
public interface WarmupInbox {

    /**
     * One pass over a mailbox: warmup mail that {@code accept} takes is moved from spam folders to INBOX, and every
     * accepted, not yet read warmup mail in INBOX is marked read (\Seen) and important (\Flagged) and returned, so
     * the caller can answer some of them. Read mail is not returned again: a message is handled once.
     */
    Pass process(ImapSettings settings, Predicate<ReceivedWarmup> accept);

    record Pass(int rescuedFromSpam, List<ReceivedWarmup> marked) {}

    /** The mailbox could not be read (login refused, server unreachable); the run goes on with the others. */
    final class InboxException extends RuntimeException {
        public InboxException(String message, Throwable cause) {
            super(message, cause);
        }
    }
}
