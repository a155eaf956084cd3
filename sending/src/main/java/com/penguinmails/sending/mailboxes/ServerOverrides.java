package com.penguinmails.sending.mailboxes;

/**
 * Local platform only: where a mailbox's SMTP and IMAP connections really go (the local mail sink), whatever the
 * mailbox says, so that nothing leaves the machine. Null parts leave the mailbox's own setting in force; in AWS
 * nothing is overridden.
 *
 * @param implicitTls where a mailbox with {@code tls: implicit} goes instead of {@code smtpHost}, or null
 */
public record ServerOverrides(String smtpHost, Integer smtpPort, String imapHost, Integer imapPort, ImplicitTls implicitTls) {

    public static final ServerOverrides NONE = new ServerOverrides(null, null, null, null, null);

    /**
     * The sink's SMTP-over-TLS listener and its certificate, which these connections trust instead of the mailbox's
     * (no mailbox's own certificate could match the sink); the certificate and host name are still checked.
     */
    public record ImplicitTls(String host, int port, String trustedCertificate) {}
}
