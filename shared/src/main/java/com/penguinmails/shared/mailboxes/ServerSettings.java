package com.penguinmails.shared.mailboxes;

/**
 * How to reach one of a mailbox's servers. The password is only ever held encrypted ({@link SecretCipher}); the
 * API never returns this record, only its host, port, username and tls.
 *
 * @param tls for SMTP: STARTTLS (a 587 server); for IMAP: implicit TLS (IMAPS, usually port 993)
 */
public record ServerSettings(String host, int port, String username, String passwordCiphertext, boolean tls) {

    @Override
    public String toString() {
        return "ServerSettings[host=" + host + ", port=" + port + ", username=" + username + ", tls=" + tls + "]";
    }
}
