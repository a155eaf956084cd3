package com.penguinmails.sending.placement;

import com.penguinmails.core.platform.EmailAddresses;
import com.penguinmails.core.platform.Ids;
import com.penguinmails.sending.mail.OutgoingEmail;
import com.penguinmails.sending.mailboxes.Mailbox;
import com.penguinmails.sending.mailboxes.WarmupExchange;
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

/**
 * A placement test's copy to one seed: the user's content as they would send it, plus the warmup header (so the seed's
 * IMAP search finds it) and the test's id. No tracking is added: placement is about the content and the sender.
 */
final class PlacementTestEmails {

    private static final Session SESSION = Session.getInstance(new Properties());

    private PlacementTestEmails() {
    }

    static OutgoingEmail copy(Mailbox from, Mailbox seed, String testId, String subject, String text, String html) {
        String messageId = "<" + Ids.newId("pt") + "@" + EmailAddresses.domainOf(from.email()) + ">";
        try {
            MimeMessage mime = new MimeMessage(SESSION) {
                @Override
                protected void updateMessageID() throws MessagingException {
                    setHeader("Message-ID", messageId);
                }
            };
            mime.setFrom(from.name() == null ? new InternetAddress(from.email(), true) : new InternetAddress(from.email(), from.name(), "UTF-8"));
            mime.setRecipient(jakarta.mail.Message.RecipientType.TO, new InternetAddress(seed.email(), true));
            mime.setSubject(subject, "UTF-8");
            mime.setHeader(WarmupExchange.HEADER, "1");
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
            mime.saveChanges();
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            mime.writeTo(out);
            return new OutgoingEmail(from.email(), List.of(seed.email()), messageId, out.toByteArray());
        } catch (MessagingException | IOException e) {
            throw new IllegalArgumentException("could not build the placement test copy: " + e.getMessage(), e);
        }
    }
}
