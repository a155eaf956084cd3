package com.penguinmails.sending.mailboxes;

/**
 * How to reach a mailbox's IMAP server (SMTP has {@link SmtpServerSettings}). The password is only ever held
 * encrypted ({@link SecretCipher}); the API never returns this record, only its host, port, username and tls.
 *
 * @param tls implicit TLS (IMAPS, usually port 993)
 */
public record ServerSettings(String host, int port, String username, String passwordCiphertext, boolean tls) {

    @Override
    public String toString() {
        return "ServerSettings[host=" + host + ", port=" + port + ", username=" + username + ", tls=" + tls + "]";
    }
}
