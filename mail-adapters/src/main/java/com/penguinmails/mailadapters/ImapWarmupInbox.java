package com.penguinmails.mailadapters;

import com.penguinmails.sending.mailboxes.ImapSettings;
import com.penguinmails.sending.mailboxes.PlacementFolder;
import com.penguinmails.sending.mailboxes.ReceivedWarmup;
import com.penguinmails.sending.mailboxes.WarmupExchange;
import com.penguinmails.sending.mailboxes.WarmupInbox;
import jakarta.mail.Address;
import jakarta.mail.FetchProfile;
import jakarta.mail.Flags;
import jakarta.mail.Folder;
import jakarta.mail.Message;
import jakarta.mail.MessagingException;
import jakarta.mail.Session;
import jakarta.mail.Store;
import jakarta.mail.UIDFolder;
import jakarta.mail.internet.InternetAddress;
import jakarta.mail.search.AndTerm;
import jakarta.mail.search.FlagTerm;
import jakarta.mail.search.HeaderTerm;
import jakarta.mail.search.SearchTerm;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Properties;
import java.util.Set;
import java.util.function.Predicate;
import java.util.regex.Pattern;
import org.eclipse.angus.mail.imap.IMAPFolder;

/**
 * The receiving side over IMAP (Angus Mail's {@code imap}/{@code imaps} provider): one session per mailbox and run.
 * Spam folders are found by their SPECIAL-USE {@code \Junk} attribute or, for servers without it, by name (Spam,
 * Junk, Junk E-mail, Bulk Mail, [Gmail]/Spam). Messages are searched for by header on the server, so a large
 * mailbox is not downloaded; moving is COPY + \Deleted + EXPUNGE, which every IMAP server supports.
 */
public final class ImapWarmupInbox implements WarmupInbox {

    private static final Pattern SPAM_NAME = Pattern.compile("(?i).*\\b(spam|junk|bulk)\\b.*");
    private static final int MAX_PER_FOLDER = 200;

    @Override
    public Pass process(ImapSettings settings, Predicate<ReceivedWarmup> accept) {
        String protocol = settings.ssl() ? "imaps" : "imap";
        Properties props = new Properties();
        props.put("mail." + protocol + ".connectiontimeout", "10000");
        props.put("mail." + protocol + ".timeout", "20000");
        props.put("mail." + protocol + ".writetimeout", "20000");
        Session session = Session.getInstance(props);
        try (Store store = session.getStore(protocol)) {
            store.connect(settings.host(), settings.port(), settings.username(), settings.password());
            Folder inbox = store.getFolder("INBOX");
            Set<String> rescued = new HashSet<>();
            for (Folder folder : store.getDefaultFolder().list("*")) {
                if (isSpamFolder(folder)) {
                    rescued.addAll(rescue(folder, inbox, accept));
                }
            }
            return new Pass(rescued.size(), markInbox(inbox, accept, rescued));
        } catch (MessagingException e) {
            throw new InboxException("IMAP " + settings.host() + ":" + settings.port() + " as " + settings.username() + ": " + e.getMessage(), e);
        }
    }

    /** Moves accepted warmup mail from {@code spam} to INBOX; returns the Message-IDs moved. */
    private static List<String> rescue(Folder spam, Folder inbox, Predicate<ReceivedWarmup> accept) throws MessagingException {
        spam.open(Folder.READ_WRITE);
        boolean expunge = false;
        try {
            List<Message> ours = warmupMessages(spam, new HeaderTerm(WarmupExchange.HEADER, "1"), accept);
            if (ours.isEmpty()) {
                return List.of();
            }
            List<String> ids = new ArrayList<>();
            for (Message message : ours) {
                ids.add(received(message, PlacementFolder.SPAM).messageId());
            }
            Message[] moving = ours.toArray(Message[]::new);
            // Unread in INBOX, so the INBOX pass below marks and answers it like any other.
            spam.setFlags(moving, new Flags(Flags.Flag.SEEN), false);
            spam.copyMessages(moving, inbox);
            spam.setFlags(moving, new Flags(Flags.Flag.DELETED), true);
            expunge = true;
            return ids;
        } finally {
            spam.close(expunge);
        }
    }

    /** Marks accepted unread warmup mail in INBOX; what was just rescued is reported as found in spam. */
    private static List<ReceivedWarmup> markInbox(Folder inbox, Predicate<ReceivedWarmup> accept, Set<String> rescued) throws MessagingException {
        inbox.open(Folder.READ_WRITE);
        try {
            SearchTerm unreadWarmup = new AndTerm(new HeaderTerm(WarmupExchange.HEADER, "1"), new FlagTerm(new Flags(Flags.Flag.SEEN), false));
            List<Message> ours = warmupMessages(inbox, unreadWarmup, accept);
            List<ReceivedWarmup> marked = new ArrayList<>();
            if (ours.isEmpty()) {
                return marked;
            }
            Flags readAndImportant = new Flags(Flags.Flag.SEEN);
            readAndImportant.add(Flags.Flag.FLAGGED);
            inbox.setFlags(ours.toArray(Message[]::new), readAndImportant, true);
            for (Message message : ours) {
                ReceivedWarmup found = received(message, PlacementFolder.INBOX);
                marked.add(found.messageId() != null && rescued.contains(found.messageId())
                        ? received(message, PlacementFolder.SPAM) : found);
            }
            return marked;
        } finally {
            inbox.close(false);
        }
    }

    /** Messages matching {@code term} (searched on the server) that carry the header and that {@code accept} takes. */
    private static List<Message> warmupMessages(Folder folder, SearchTerm term, Predicate<ReceivedWarmup> accept) throws MessagingException {
        Message[] found = folder.search(term);
        if (found.length > MAX_PER_FOLDER) {
            found = Arrays.copyOfRange(found, found.length - MAX_PER_FOLDER, found.length);
        }
        FetchProfile profile = new FetchProfile();
        profile.add(FetchProfile.Item.ENVELOPE);
        profile.add(UIDFolder.FetchProfileItem.UID);
        profile.add(WarmupExchange.HEADER);
        profile.add(WarmupExchange.REPLY_HEADER);
        profile.add(WarmupExchange.PLACEMENT_TEST_HEADER);
        folder.fetch(found, profile);
        List<Message> ours = new ArrayList<>();
        for (Message message : found) {
            ReceivedWarmup received = received(message, PlacementFolder.INBOX);
            if (received.warmupHeader() != null && accept.test(received)) {
                ours.add(message);
            }
        }
        return ours;
    }

    private static ReceivedWarmup received(Message message, PlacementFolder folder) throws MessagingException {
        String[] ids = message.getHeader("Message-ID");
        String[] warmup = message.getHeader(WarmupExchange.HEADER);
        String[] reply = message.getHeader(WarmupExchange.REPLY_HEADER);
        String[] test = message.getHeader(WarmupExchange.PLACEMENT_TEST_HEADER);
        Address[] from = message.getFrom();
        String fromAddress = from != null && from.length > 0 && from[0] instanceof InternetAddress address ? address.getAddress() : null;
        return new ReceivedWarmup(ids == null ? null : ids[0].strip(), fromAddress, message.getSubject(),
                new ReceivedWarmup.WarmupMarks(warmup == null ? null : warmup[0].strip(), reply != null, test == null ? null : test[0].strip()),
                folder);
    }

    static boolean isSpamFolder(Folder folder) throws MessagingException {
        if ("INBOX".equalsIgnoreCase(folder.getFullName()) || (folder.getType() & Folder.HOLDS_MESSAGES) == 0) {
            return false;
        }
        if (folder instanceof IMAPFolder imap) {
            for (String attribute : imap.getAttributes()) {
                if ("\\Junk".equalsIgnoreCase(attribute)) {
                    return true;
                }
            }
        }
        return SPAM_NAME.matcher(folder.getFullName().toLowerCase(Locale.ROOT)).matches();
    }
}
