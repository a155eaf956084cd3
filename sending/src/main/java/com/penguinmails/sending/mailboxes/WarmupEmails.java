package com.penguinmails.sending.mailboxes;

import com.penguinmails.core.platform.EmailAddresses;
import com.penguinmails.core.platform.Ids;
import com.penguinmails.sending.mail.OutgoingEmail;
import jakarta.mail.MessagingException;
import jakarta.mail.Session;
import jakarta.mail.internet.InternetAddress;
import jakarta.mail.internet.MimeBodyPart;
import jakarta.mail.internet.MimeMessage;
import jakarta.mail.internet.MimeMultipart;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.util.List;
import java.util.Properties;
import java.util.random.RandomGenerator;

/**
 * The warmup emails themselves: short plain-text notes that read like colleagues writing to each other (no links,
 * no tracking, no unsubscribe header: they are personal mail between our own mailboxes), marked with
 * {@value WarmupExchange#HEADER} so the receiving side and analytics recognise them.
 */
public final class WarmupEmails {

    private static final Session SESSION = Session.getInstance(new Properties());

    private static final List<String> SUBJECTS = List.of(
            "Quick question about next week", "Notes from today", "Following up on the plan", "Catching up",
            "Thoughts on the proposal", "Agenda for Thursday", "Small update", "Checking in", "Draft for review",
            "Re-scheduling our call");
    private static final List<String> OPENINGS = List.of(
            "Hope your week is going well.", "Thanks again for the quick turnaround.", "Just circling back on this.",
            "I had a look at what we discussed.", "A short note before I forget.");
    private static final List<String> BODIES = List.of(
            "Could we move our call to later in the week? Thursday afternoon works best on my side.",
            "I went through the numbers and they look reasonable. Let me know if you see anything odd.",
            "The draft is mostly done; I will send the final version once the last section is reviewed.",
            "Would it help if I put together a short summary for the team before Friday?",
            "I think we can keep the current timeline if the review happens early next week.");
    private static final List<String> REPLIES = List.of(
            "Thanks, that works for me.", "Sounds good, talk soon.", "Great, I will take a look today.",
            "Perfect, thanks for the update.", "Noted, appreciate it!");

    private WarmupEmails() {
    }

    /** A new warmup conversation from {@code from} to {@code to}. */
    public static OutgoingEmail original(Mailbox from, Mailbox to, RandomGenerator random) {
        String subject = pick(SUBJECTS, random);
        String body = pick(OPENINGS, random) + "\n\n" + pick(BODIES, random) + "\n\n" + signature(from);
        return conversation(from, to.email(), subject, body, null);
    }

    /** An answer from {@code from} to a warmup email it received. */
    public static OutgoingEmail reply(Mailbox from, ReceivedWarmup received, RandomGenerator random) {
        String subject = received.subject() == null ? "Re: your note"
                : received.subject().regionMatches(true, 0, "Re:", 0, 3) ? received.subject() : "Re: " + received.subject();
        return conversation(from, received.fromAddress(), subject, pick(REPLIES, random) + "\n\n" + signature(from), received.messageId());
    }

    /**
     * A placement test's copy to one seed: the user's content as they would send it (text, html or both), marked as
     * warmup mail (so the seed's IMAP search finds it) and with the test's id. No tracking is added: placement is
     * about the content and the sender.
     */
    public static OutgoingEmail placementCopy(Mailbox from, Mailbox seed, String testId, String subject, String text, String html) {
        return build(from, seed.email(), "pt", subject, mime -> {
            mime.setHeader(WarmupExchange.PLACEMENT_TEST_HEADER, testId);
            if (html == null || html.isBlank()) {
                mime.setText(text, "UTF-8");
            } else if (text == null || text.isBlank()) {
                mime.setText(html, "UTF-8", "html");
            } else {
                MimeBodyPart plain = new MimeBodyPart();
                plain.setText(text, "UTF-8");
                MimeBodyPart rich = new MimeBodyPart();
                rich.setText(html, "UTF-8", "html");
                mime.setContent(new MimeMultipart("alternative", plain, rich));
            }
        });
    }

    private static OutgoingEmail conversation(Mailbox from, String to, String subject, String body, String inReplyTo) {
        return build(from, to, "wu", subject, mime -> {
            if (inReplyTo != null) {
                mime.setHeader(WarmupExchange.REPLY_HEADER, "1");
                mime.setHeader("In-Reply-To", inReplyTo);
                mime.setHeader("References", inReplyTo);
            }
            mime.setText(body, "UTF-8");
        });
    }

    /** What a kind of warmup email adds to the envelope every one shares: its own headers and its body. */
    private interface Content {
        void fill(MimeMessage mime) throws MessagingException;
    }

    private static OutgoingEmail build(Mailbox from, String to, String idPrefix, String subject, Content content) {
        String messageId = "<" + Ids.newId(idPrefix) + "@" + EmailAddresses.domainOf(from.email()) + ">";
        try {
            MimeMessage mime = new MimeMessage(SESSION) {
                @Override
                protected void updateMessageID() throws MessagingException {
                    setHeader("Message-ID", messageId);
                }
            };
            mime.setFrom(from.name() == null ? new InternetAddress(from.email(), true) : new InternetAddress(from.email(), from.name(), "UTF-8"));
            mime.setRecipient(jakarta.mail.Message.RecipientType.TO, new InternetAddress(to, true));
            mime.setSubject(subject, "UTF-8");
            mime.setHeader(WarmupExchange.HEADER, "1");
            content.fill(mime);
            mime.saveChanges();
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            mime.writeTo(out);
            return new OutgoingEmail(from.email(), List.of(to), messageId, out.toByteArray());
        } catch (MessagingException | IOException e) {
            throw new IllegalArgumentException("could not build the warmup email: " + e.getMessage(), e);
        }
    }

    private static String signature(Mailbox from) {
        return from.name() != null ? from.name() : from.email().substring(0, from.email().indexOf('@'));
    }

    private static String pick(List<String> options, RandomGenerator random) {
        return options.get(random.nextInt(options.size()));
    }
}
