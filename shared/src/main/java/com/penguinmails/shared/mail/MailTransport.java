package com.penguinmails.shared.mail;

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

    record SmtpSettings(String host, int port, String username, String password, boolean startTls) {}

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
