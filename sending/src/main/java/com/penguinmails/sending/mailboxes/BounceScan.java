package com.penguinmails.sending.mailboxes;

/**
 * The bounce step of the mailbox run: reads a mailbox's inbox for bounce reports of its cold email. The events
 * package implements it (it turns reports into delivery events), so mailboxes need not depend on events.
 */
public interface BounceScan {

    /** What one mailbox's pass found: reports taken (and deleted), delivery events queued. */
    record Result(int reports, int events) {
        public static final Result NONE = new Result(0, 0);
    }

    /** Reads the mailbox's bounce reports; nothing when it has no IMAP. Throws when the mailbox cannot be read. */
    Result scan(Mailbox mailbox);
}
