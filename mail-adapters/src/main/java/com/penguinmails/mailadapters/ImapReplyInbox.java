package com.penguinmails.mailadapters;

import com.penguinmails.sending.mailboxes.ImapSettings;
import com.penguinmails.sending.mailboxes.ReplyInbox;
import jakarta.mail.Flags;
import jakarta.mail.search.AndTerm;
import jakarta.mail.search.ComparisonTerm;
import jakarta.mail.search.FlagTerm;
import jakarta.mail.search.HeaderTerm;
import jakarta.mail.search.OrTerm;
import jakarta.mail.search.ReceivedDateTerm;
import jakarta.mail.search.SearchTerm;
import java.time.Clock;
import java.time.Duration;
import java.util.Date;
import java.util.function.Predicate;

/**
 * Replies to cold email over IMAP ({@link ImapPass}): messages of the last {@link #LOOK_BACK} whose
 * {@code In-Reply-To} or {@code References} names one of our {@code msg_} Message-IDs and that do not carry our
 * keyword yet, in INBOX and the spam folders. A reply taken gets the keyword {@value #HANDLED} and nothing else: it
 * stays unread, where it was, for the person whose mailbox it is.
 */
public final class ImapReplyInbox implements ReplyInbox {

    static final Duration LOOK_BACK = Duration.ofDays(7);
    /** An IMAP keyword (RFC 3501 flag-keyword): servers keep it per message, invisible in most mail clients. */
    static final String HANDLED = "PenguinMailsReply";

    private final Clock clock;

    public ImapReplyInbox(Clock clock) {
        this.clock = clock;
    }

    @Override
    public int process(ImapSettings settings, Predicate<byte[]> handle) {
        return ImapPass.run(settings, candidates(), new Flags(HANDLED), handle);
    }

    private SearchTerm candidates() {
        Date since = Date.from(clock.instant().minus(LOOK_BACK));
        return new AndTerm(new SearchTerm[] {
                new ReceivedDateTerm(ComparisonTerm.GE, since),
                new FlagTerm(new Flags(HANDLED), false),
                new FlagTerm(new Flags(Flags.Flag.DELETED), false),
                new OrTerm(new HeaderTerm("In-Reply-To", "msg_"), new HeaderTerm("References", "msg_"))});
    }
}
