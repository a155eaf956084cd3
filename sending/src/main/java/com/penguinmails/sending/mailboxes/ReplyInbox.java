package com.penguinmails.sending.mailboxes;

import java.util.function.Predicate;

/** Where replies to a mailbox's cold email are read from (IMAP in practice; see mailadapters.ImapReplyInbox). */
public interface ReplyInbox {

    /**
     * One pass over the mailbox's recent messages that answer one of ours (an {@code In-Reply-To} or {@code References}
     * naming a {@code <msg_...>} Message-ID) and were not handled before: each is handed whole (RFC 5322 bytes) to
     * {@code handle}, without marking it read (the person reads their own mail). Those {@code handle} takes are given
     * a keyword of ours, so they are handled once; an exception from {@code handle} ends the pass.
     *
     * @return how many were taken
     */
    int process(ImapSettings settings, Predicate<byte[]> handle);
}
