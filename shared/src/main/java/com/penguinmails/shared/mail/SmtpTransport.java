package com.penguinmails.shared.mail;

import jakarta.mail.Address;
import jakarta.mail.AuthenticationFailedException;
import jakarta.mail.MessagingException;
import jakarta.mail.SendFailedException;
import jakarta.mail.Session;
import jakarta.mail.Transport;
import jakarta.mail.internet.InternetAddress;
import jakarta.mail.internet.MimeMessage;
import org.eclipse.angus.mail.smtp.SMTPAddressFailedException;
import org.eclipse.angus.mail.smtp.SMTPSendFailedException;
import java.io.ByteArrayInputStream;
import java.util.Properties;

/**
 * SMTP through Angus Mail: for mailboxes (their own server and login) and for IP-pool mail on the local
 * platform, where the SMTP sink stands in for SES. 4xx replies and connection trouble are transient; 5xx
 * replies and bad logins are permanent.
 */
public final class SmtpTransport implements MailTransport {

    private final SmtpSettings defaults;

    /** {@code defaults}: the server used when the identity has no SMTP settings of its own (the local sink). */
    public SmtpTransport(SmtpSettings defaults) {
        this.defaults = defaults;
    }

    @Override
    public void send(OutgoingEmail email, SendingIdentity identity) {
        SmtpSettings smtp = identity.smtp() != null ? identity.smtp() : defaults;
        Properties props = new Properties();
        props.put("mail.smtp.host", smtp.host());
        props.put("mail.smtp.port", Integer.toString(smtp.port()));
        props.put("mail.smtp.connectiontimeout", "10000");
        props.put("mail.smtp.timeout", "20000");
        props.put("mail.smtp.from", email.envelopeFrom());
        props.put("mail.smtp.starttls.enable", Boolean.toString(smtp.startTls()));
        props.put("mail.smtp.auth", Boolean.toString(smtp.username() != null));
        Session session = Session.getInstance(props);
        try {
            MimeMessage mime = new MimeMessage(session, new ByteArrayInputStream(email.mime()));
            Address[] recipients = email.recipients().stream().map(SmtpTransport::address).toArray(Address[]::new);
            try (Transport transport = session.getTransport("smtp")) {
                if (smtp.username() != null) {
                    transport.connect(smtp.host(), smtp.port(), smtp.username(), smtp.password());
                } else {
                    transport.connect();
                }
                transport.sendMessage(mime, recipients);
            }
        } catch (AuthenticationFailedException e) {
            throw new PermanentSendException("SMTP login refused by " + smtp.host(), e);
        } catch (SendFailedException e) {
            if (isTemporaryRefusal(e)) {
                throw new TransientSendException("SMTP " + smtp.host() + ":" + smtp.port() + ": " + e.getMessage(), e);
            }
            throw new PermanentSendException("recipient refused: " + e.getMessage(), e);
        } catch (MessagingException e) {
            String message = String.valueOf(e.getMessage());
            if (message.startsWith("5")) {
                throw new PermanentSendException(message, e);
            }
            throw new TransientSendException("SMTP " + smtp.host() + ":" + smtp.port() + ": " + message, e);
        }
    }

    private static Address address(String value) {
        try {
            return new InternetAddress(value, true);
        } catch (MessagingException e) {
            throw new PermanentSendException("invalid recipient " + value, e);
        }
    }

    /**
     * A 4xx reply to RCPT or after DATA (greylisting, a full queue, "try again later"): Angus Mail reports it as a
     * SendFailedException like a 5xx, so the reply codes tell them apart; any 5xx in the chain makes it permanent.
     */
    private static boolean isTemporaryRefusal(SendFailedException e) {
        boolean temporary = false;
        for (Exception cause = e; cause != null; cause = cause instanceof MessagingException m ? m.getNextException() : null) {
            int code = cause instanceof SMTPSendFailedException f ? f.getReturnCode()
                    : cause instanceof SMTPAddressFailedException a ? a.getReturnCode() : -1;
            if (code >= 500) {
                return false;
            }
            temporary |= code >= 400;
        }
        return temporary;
    }
}
