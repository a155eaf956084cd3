package com.penguinmails.mailadapters;

import com.penguinmails.sending.mail.MailTransport;
import com.penguinmails.sending.mail.OutgoingEmail;
import com.penguinmails.sending.mail.SmtpSecurity;
import com.penguinmails.sending.mail.TrustedCertificates;
import jakarta.mail.Address;
import jakarta.mail.AuthenticationFailedException;
import jakarta.mail.MessagingException;
import jakarta.mail.SendFailedException;
import jakarta.mail.Session;
import jakarta.mail.Transport;
import jakarta.mail.internet.InternetAddress;
import jakarta.mail.internet.MimeMessage;
import java.io.ByteArrayInputStream;
import java.security.cert.CertificateException;
import java.util.Properties;
import javax.net.ssl.SSLException;
import org.eclipse.angus.mail.smtp.SMTPAddressFailedException;
import org.eclipse.angus.mail.smtp.SMTPSendFailedException;

/**
 * SMTP through Angus Mail: for mailboxes (their own server and login) and for IP-pool mail on the local
 * platform, where the SMTP sink stands in for SES. 4xx replies and connection trouble are transient; 5xx
 * replies, bad logins and TLS that cannot be had or trusted are permanent (trying again cannot fix a setting).
 *
 * <p>TLS as {@link SmtpSecurity} says: implicit (SMTPS), required STARTTLS, STARTTLS when offered, or none. The
 * certificate is always checked, chain and host name (Angus Mail's {@code ssl.checkserveridentity}, set explicitly),
 * against the JVM's CAs or, when the settings carry one, only against the given {@link TrustedCertificates}.
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
        SmtpSecurity security = smtp.security() == null ? SmtpSecurity.NONE : smtp.security();
        String protocol = security == SmtpSecurity.IMPLICIT ? "smtps" : "smtp";
        String prefix = "mail." + protocol + ".";
        Properties props = new Properties();
        props.put(prefix + "host", smtp.host());
        props.put(prefix + "port", Integer.toString(smtp.port()));
        props.put(prefix + "connectiontimeout", "10000");
        props.put(prefix + "timeout", "20000");
        props.put(prefix + "from", email.envelopeFrom());
        props.put(prefix + "auth", Boolean.toString(smtp.username() != null));
        props.put(prefix + "starttls.enable", Boolean.toString(security == SmtpSecurity.STARTTLS || security == SmtpSecurity.STARTTLS_REQUIRED));
        props.put(prefix + "starttls.required", Boolean.toString(security == SmtpSecurity.STARTTLS_REQUIRED));
        props.put(prefix + "ssl.checkserveridentity", "true");
        if (security != SmtpSecurity.NONE && smtp.trustedCertificate() != null) {
            props.put(prefix + "ssl.socketFactory", TrustedCertificates.socketFactory(smtp.trustedCertificate()));
        }
        Session session = Session.getInstance(props);
        try {
            MimeMessage mime = new MimeMessage(session, new ByteArrayInputStream(email.mime()));
            Address[] recipients = email.recipients().stream().map(SmtpTransport::address).toArray(Address[]::new);
            try (Transport transport = session.getTransport(protocol)) {
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
            String tlsProblem = tlsProblem(e, security);
            if (tlsProblem != null) {
                throw new PermanentSendException("SMTP " + smtp.host() + ":" + smtp.port() + " (" + security.wire() + "): " + tlsProblem, e);
            }
            if (message.startsWith("5")) {
                throw new PermanentSendException(message, e);
            }
            throw new TransientSendException("SMTP " + smtp.host() + ":" + smtp.port() + ": " + message, e);
        }
    }

    /** What went wrong with TLS, said so a person can fix the setting; null when it was not TLS. */
    private static String tlsProblem(MessagingException e, SmtpSecurity security) {
        if (String.valueOf(e.getMessage()).contains("STARTTLS is required")) {
            return "the server does not offer STARTTLS, and this mailbox requires it (tls: starttls-required); nothing was sent";
        }
        for (Throwable cause = e; cause != null; cause = cause.getCause()) {
            if (cause instanceof CertificateException || cause instanceof SSLException) {
                return "TLS could not be established, nothing was sent (" + rootMessage(cause) + "). The certificate must lead to "
                        + "a trusted CA, or to the mailbox's smtp.trustedCertificate (for a self-signed or private-CA one), and name "
                        + "the host connected to" + (security == SmtpSecurity.IMPLICIT ? "; tls implicit needs a port that speaks TLS at once (465)" : "") + ".";
            }
        }
        return null;
    }

    private static String rootMessage(Throwable e) {
        Throwable root = e;
        while (root.getCause() != null && root.getCause() != root) {
            root = root.getCause();
        }
        return String.valueOf(root.getMessage());
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
