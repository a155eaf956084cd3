package com.penguinmails.mailadapters;

import com.penguinmails.sending.mailboxes.ImapSettings;
import com.penguinmails.sending.mailboxes.WarmupInbox;
import jakarta.mail.Flags;
import jakarta.mail.Folder;
import jakarta.mail.Message;
import jakarta.mail.MessagingException;
import jakarta.mail.Session;
import jakarta.mail.Store;
import jakarta.mail.search.SearchTerm;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.util.Properties;
import java.util.function.Predicate;

/**
 * One IMAP session over a mailbox's INBOX and spam folders (Angus Mail): the messages {@code candidates} finds, at
 * most {@value #MAX_PER_FOLDER} a folder, newest first, none over {@value #MAX_BYTES} bytes, read with BODY.PEEK so
 * what is not taken stays unread; those the handler takes get {@code taken} flags (and are expunged when those include
 * \Deleted). What the bounce and reply passes share.
 */
final class ImapPass {

    private static final int MAX_PER_FOLDER = 100;
    private static final int MAX_BYTES = 2 * 1024 * 1024;

    private ImapPass() {
    }

    static int run(ImapSettings settings, SearchTerm candidates, Flags taken, Predicate<byte[]> handle) {
        String protocol = settings.ssl() ? "imaps" : "imap";
        Properties props = new Properties();
        props.put("mail." + protocol + ".connectiontimeout", "10000");
        props.put("mail." + protocol + ".timeout", "20000");
        props.put("mail." + protocol + ".writetimeout", "20000");
        props.put("mail." + protocol + ".peek", "true");
        Session session = Session.getInstance(props);
        try (Store store = session.getStore(protocol)) {
            store.connect(settings.host(), settings.port(), settings.username(), settings.password());
            int count = folder(store.getFolder("INBOX"), candidates, taken, handle);
            for (Folder folder : store.getDefaultFolder().list("*")) {
                if (ImapWarmupInbox.isSpamFolder(folder)) {
                    count += folder(folder, candidates, taken, handle);
                }
            }
            return count;
        } catch (MessagingException e) {
            throw new WarmupInbox.InboxException("IMAP " + settings.host() + ":" + settings.port() + " as " + settings.username() + ": "
                    + e.getMessage(), e);
        }
    }

    private static int folder(Folder folder, SearchTerm candidates, Flags taken, Predicate<byte[]> handle) throws MessagingException {
        folder.open(Folder.READ_WRITE);
        int count = 0;
        try {
            Message[] found = folder.search(candidates);
            for (int i = found.length - 1; i >= 0 && found.length - i <= MAX_PER_FOLDER; i--) {
                Message message = found[i];
                if (message.isExpunged() || message.getSize() > MAX_BYTES) {
                    continue;
                }
                if (handle.test(raw(message))) {
                    message.setFlags(taken, true);
                    count++;
                }
            }
            return count;
        } finally {
            folder.close(count > 0 && taken.contains(Flags.Flag.DELETED));
        }
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
