package com.penguinmails.mailadapters;

import com.penguinmails.sending.mailboxes.BounceInbox;
import com.penguinmails.sending.mailboxes.ImapSettings;
import com.penguinmails.sending.mailboxes.WarmupInbox;
import jakarta.mail.Flags;
import jakarta.mail.Folder;
import jakarta.mail.Message;
import jakarta.mail.MessagingException;
import jakarta.mail.Session;
import jakarta.mail.Store;
import jakarta.mail.search.AndTerm;
import jakarta.mail.search.ComparisonTerm;
import jakarta.mail.search.FlagTerm;
import jakarta.mail.search.HeaderTerm;
import jakarta.mail.search.OrTerm;
import jakarta.mail.search.ReceivedDateTerm;
import jakarta.mail.search.SearchTerm;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.time.Clock;
import java.time.Duration;
import java.util.Date;
import java.util.Properties;
import java.util.function.Predicate;

/**
 * Bounce reports over IMAP (Angus Mail), one session per mailbox and run. The server is asked for what may be a
 * bounce report (From containing mailer-daemon or postmaster, a {@code delivery-status} Content-Type or an
 * {@code X-Failed-Recipients} header), received in the last {@link #LOOK_BACK} and not deleted, in INBOX and the
 * spam folders; at most {@value #MAX_PER_FOLDER} a folder, newest first, none over {@value #MAX_BYTES} bytes. Bodies
 * are read with BODY.PEEK, so a report that is not ours stays unread; ours are flagged \Seen and \Deleted and
 * expunged.
 */
public final class ImapBounceInbox implements BounceInbox {

    /** A report is read within minutes (the run is every 10); a week covers any outage of the platform. */
    static final Duration LOOK_BACK = Duration.ofDays(7);
    private static final int MAX_PER_FOLDER = 100;
    private static final int MAX_BYTES = 2 * 1024 * 1024;
    private static final Flags DONE = done();

    private final Clock clock;

    public ImapBounceInbox(Clock clock) {
        this.clock = clock;
    }

    @Override
    public int process(ImapSettings settings, Predicate<byte[]> handle) {
        String protocol = settings.ssl() ? "imaps" : "imap";
        Properties props = new Properties();
        props.put("mail." + protocol + ".connectiontimeout", "10000");
        props.put("mail." + protocol + ".timeout", "20000");
        props.put("mail." + protocol + ".writetimeout", "20000");
        props.put("mail." + protocol + ".peek", "true");
        Session session = Session.getInstance(props);
        try (Store store = session.getStore(protocol)) {
            store.connect(settings.host(), settings.port(), settings.username(), settings.password());
            int taken = process(store.getFolder("INBOX"), handle);
            for (Folder folder : store.getDefaultFolder().list("*")) {
                if (ImapWarmupInbox.isSpamFolder(folder)) {
                    taken += process(folder, handle);
                }
            }
            return taken;
        } catch (MessagingException e) {
            throw new WarmupInbox.InboxException("IMAP " + settings.host() + ":" + settings.port() + " as " + settings.username() + ": "
                    + e.getMessage(), e);
        }
    }

    private int process(Folder folder, Predicate<byte[]> handle) throws MessagingException {
        folder.open(Folder.READ_WRITE);
        int taken = 0;
        try {
            Message[] found = folder.search(candidates());
            for (int i = found.length - 1; i >= 0 && found.length - i <= MAX_PER_FOLDER; i--) {
                Message message = found[i];
                if (message.isExpunged() || message.getSize() > MAX_BYTES) {
                    continue;
                }
                if (handle.test(raw(message))) {
                    message.setFlags(DONE, true);
                    taken++;
                }
            }
            return taken;
        } finally {
            folder.close(taken > 0);
        }
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

    private static byte[] raw(Message message) throws MessagingException {
        ByteArrayOutputStream out = new ByteArrayOutputStream(Math.max(1024, message.getSize()));
        try {
            message.writeTo(out);
        } catch (IOException e) {
            throw new MessagingException("could not read message " + message.getMessageNumber() + ": " + e.getMessage(), e);
        }
        return out.toByteArray();
    }
}
