package com.penguinmails.mailadapters;

import com.penguinmails.sending.mailboxes.BounceInbox;
import com.penguinmails.sending.mailboxes.ImapSettings;
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
 * Bounce reports over IMAP ({@link ImapPass}): what may be a bounce report (From containing mailer-daemon or
 * postmaster, a {@code delivery-status} Content-Type or an {@code X-Failed-Recipients} header), received in the last
 * {@link #LOOK_BACK} and not deleted, in INBOX and the spam folders. A report that is not ours stays unread; ours are
 * flagged \Seen and \Deleted and expunged.
 */
public final class ImapBounceInbox implements BounceInbox {

    /** A report is read within minutes (the run is every 10); a week covers any outage of the platform. */
    static final Duration LOOK_BACK = Duration.ofDays(7);
    private static final Flags DONE = done();

    private final Clock clock;

    public ImapBounceInbox(Clock clock) {
        this.clock = clock;
    }

    @Override
    public int process(ImapSettings settings, Predicate<byte[]> handle) {
        return ImapPass.run(settings, candidates(), DONE, handle);
    }

    private static Flags done() {
        Flags flags = new Flags(Flags.Flag.SEEN);
        flags.add(Flags.Flag.DELETED);
        return flags;
    }

    private SearchTerm candidates() {
        Date since = Date.from(clock.instant().minus(LOOK_BACK));
        SearchTerm looksLikeABounce = new OrTerm(new SearchTerm[] {
                // HEADER, not FROM: both are substring matches by RFC 3501, but some servers (GreenMail) take FROM as a
                // whole address.
                new HeaderTerm("From", "mailer-daemon"),
                new HeaderTerm("From", "postmaster"),
                new HeaderTerm("Content-Type", "delivery-status"),
                new HeaderTerm("X-Failed-Recipients", "@")});
        return new AndTerm(new SearchTerm[] {
                new ReceivedDateTerm(ComparisonTerm.GE, since),
                new FlagTerm(new Flags(Flags.Flag.DELETED), false),
                looksLikeABounce});
    }
}
