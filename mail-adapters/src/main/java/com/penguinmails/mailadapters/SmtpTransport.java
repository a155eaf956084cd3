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
import java.io.ByteArrayInputStream;
import java.security.cert.CertificateException;
import java.time.Duration;
import java.util.Deque;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedDeque;
import javax.net.ssl.SSLException;
import org.eclipse.angus.mail.smtp.SMTPAddressFailedException;
import org.eclipse.angus.mail.smtp.SMTPMessage;
import org.eclipse.angus.mail.smtp.SMTPSendFailedException;

/**
 * SMTP through Angus Mail: for mailboxes (their own server and login) and for IP-pool mail on the local
 * platform, where the SMTP sink stands in for SES. 4xx replies and connection trouble are transient; 5xx
 * replies, bad logins and TLS that cannot be had or trusted are permanent (trying again cannot fix a setting).
 *
 * <p>TLS as {@link SmtpSecurity} says: implicit (SMTPS), required STARTTLS, STARTTLS when offered, or none. The
 * certificate is always checked, chain and host name (Angus Mail's {@code ssl.checkserveridentity}, set explicitly),
 * against the JVM's CAs or, when the settings carry one, only against the given {@link TrustedCertificates}.
 *
 * <p>Connections are kept open for the next mail to the same server and login for a few seconds ({@link #MAX_IDLE}),
 * as mail servers expect of a sender with several mails. What a mail's fate is does not change: each mail is its own
 * SMTP transaction (MAIL, RCPT, DATA, with its own envelope sender), and a connection that failed in any way is
 * closed, never used again.
 */
public final class SmtpTransport implements MailTransport {

    /**
     * An open connection is used again for the next mail to the same server and login if it waited at most this
     * long: a batch of sends then connects, greets (and logs in, and negotiates TLS) once instead of once per mail.
     * Servers keep an idle connection for minutes (RFC 5321 asks for 5); a mailbox's own sends are 60 s or more
     * apart, so they still connect each time. Before each reuse a NOOP checks the server still answers.
     */
    static final Duration MAX_IDLE = Duration.ofSeconds(10);
    /** Servers cap the mails per connection (often at 100); a new connection is opened well before that. */
    static final int MAX_MAILS_PER_CONNECTION = 50;

    private final SmtpSettings defaults;
    private final IdleConnections idle = new IdleConnections();

    /** {@code defaults}: the server used when the identity has no SMTP settings of its own (the local sink). */
    public SmtpTransport(SmtpSettings defaults) {
        this.defaults = defaults;
    }

    @Override
    public void send(OutgoingEmail email, SendingIdentity identity) {
        SmtpSettings smtp = identity.smtp() != null ? identity.smtp() : defaults;
        SmtpSecurity security = smtp.security() == null ? SmtpSecurity.NONE : smtp.security();
        Address[] recipients = email.recipients().stream().map(SmtpTransport::address).toArray(Address[]::new);
        Connection connection = idle.take(smtp);
        try {
            if (connection == null) {
                connection = open(smtp, security);
            }
            SMTPMessage mime = new SMTPMessage(connection.session(), new ByteArrayInputStream(email.mime()));
            mime.setEnvelopeFrom(email.envelopeFrom());
            connection.transport().sendMessage(mime, recipients);
            idle.giveBack(smtp, connection.afterOneMore());
            connection = null;
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
        } finally {
            // After any failure the connection's state is unknown: it is closed, never used again.
            if (connection != null) {
                connection.close();
            }
        }
    }

    /** Connects (TLS as the settings say) and logs in when they carry a login. */
    private static Connection open(SmtpSettings smtp, SmtpSecurity security) throws MessagingException {
        String protocol = security == SmtpSecurity.IMPLICIT ? "smtps" : "smtp";
        String prefix = "mail." + protocol + ".";
        Properties props = new Properties();
        props.put(prefix + "host", smtp.host());
        props.put(prefix + "port", Integer.toString(smtp.port()));
        props.put(prefix + "connectiontimeout", "10000");
        props.put(prefix + "timeout", "20000");
        props.put(prefix + "auth", Boolean.toString(smtp.username() != null));
        props.put(prefix + "starttls.enable", Boolean.toString(security == SmtpSecurity.STARTTLS || security == SmtpSecurity.STARTTLS_REQUIRED));
        props.put(prefix + "starttls.required", Boolean.toString(security == SmtpSecurity.STARTTLS_REQUIRED));
        props.put(prefix + "ssl.checkserveridentity", "true");
        if (security != SmtpSecurity.NONE && smtp.trustedCertificate() != null) {
            props.put(prefix + "ssl.socketFactory", TrustedCertificates.socketFactory(smtp.trustedCertificate()));
        }
        Session session = Session.getInstance(props);
        Transport transport = session.getTransport(protocol);
        try {
            if (smtp.username() != null) {
                transport.connect(smtp.host(), smtp.port(), smtp.username(), smtp.password());
            } else {
                transport.connect();
            }
        } catch (MessagingException | RuntimeException e) {
            closeQuietly(transport);
            throw e;
        }
        return new Connection(session, transport, System.nanoTime(), 0);
    }

    private static void closeQuietly(Transport transport) {
        try {
            transport.close();
        } catch (MessagingException | RuntimeException e) {
            // Closing a connection we are done with; nothing depends on it.
        }
    }

    /** One open connection: the session it was made in, and how many mails it carried until when. */
    private record Connection(Session session, Transport transport, long idleSinceNanos, int mails) {

        Connection afterOneMore() {
            return new Connection(session, transport, System.nanoTime(), mails + 1);
        }

        boolean stale(long nowNanos) {
            return mails >= MAX_MAILS_PER_CONNECTION || nowNanos - idleSinceNanos > MAX_IDLE.toNanos();
        }

        void close() {
            closeQuietly(transport);
        }
    }

    /**
     * The open connections no send is using, by server and login. Each is used by one send at a time (handlers run
     * concurrently); stale ones are closed whenever a send looks for one.
     */
    private static final class IdleConnections {

        private final Map<SmtpSettings, Deque<Connection>> bySettings = new ConcurrentHashMap<>();

        /** A live idle connection for these settings, or null: then the caller opens one. */
        Connection take(SmtpSettings settings) {
            closeStale();
            Deque<Connection> connections = bySettings.get(settings);
            for (Connection c = connections == null ? null : connections.pollFirst(); c != null; c = connections.pollFirst()) {
                if (c.transport().isConnected()) { // a NOOP: the server may have closed it meanwhile
                    return c;
                }
                c.close();
            }
            return null;
        }

        void giveBack(SmtpSettings settings, Connection connection) {
            if (connection.stale(System.nanoTime())) {
                connection.close();
                return;
            }
            bySettings.computeIfAbsent(settings, s -> new ConcurrentLinkedDeque<>()).offerFirst(connection);
        }

        private void closeStale() {
            long now = System.nanoTime();
            for (Deque<Connection> connections : bySettings.values()) {
                connections.removeIf(c -> {
                    if (c.stale(now)) {
                        c.close();
                        return true;
                    }
                    return false;
                });
            }
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
