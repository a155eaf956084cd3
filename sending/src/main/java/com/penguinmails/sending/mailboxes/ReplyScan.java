package com.penguinmails.sending.mailboxes;

/**
 * The reply step of the mailbox run: reads a mailbox's inbox for replies to its cold email. The delivery package
 * implements it (it finds the message replied to), so mailboxes need not depend on it.
 */
public interface ReplyScan {

    /** Reads the mailbox's new replies, answering how many were ours; 0 when it has no IMAP. Throws when it cannot be read. */
    int scan(Mailbox mailbox);
}
