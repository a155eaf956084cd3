package com.penguinmails.sending.mail;

/**
 * Hands an email to a mail system: SES v2 for IP pools in AWS, SMTP for mailboxes and for the local sink.
 * Throws {@link TransientSendException} when retrying later may work, {@link PermanentSendException} when not.
 */
public interface MailTransport {

    void send(OutgoingEmail email, SendingIdentity identity);

    /**
     * Which resource sends, for whom: the IP (its pool's SES configuration set) or the mailbox with its SMTP
     * settings. The ids travel as message tags so delivery events find their way back.
     */
    record SendingIdentity(String workspaceId, String resourceId, String configurationSet, SmtpSettings smtp) {}

    /**
     * @param security           how the connection is protected ({@link SmtpSecurity}); certificates are checked in
     *                           every mode but NONE
     * @param trustedCertificate PEM certificates to trust instead of the JVM's CAs ({@link TrustedCertificates}), or null
     */
    record SmtpSettings(String host, int port, String username, String password, SmtpSecurity security, String trustedCertificate) {
        @Override
        public String toString() {
            return "SmtpSettings[host=" + host + ", port=" + port + ", username=" + username + ", security=" + security + "]";
        }
    }

    final class TransientSendException extends RuntimeException {
        public TransientSendException(String message, Throwable cause) {
            super(message, cause);
        }
    }

    final class PermanentSendException extends RuntimeException {
        public PermanentSendException(String message, Throwable cause) {
            super(message, cause);
        }
    }
}
