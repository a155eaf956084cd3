package com.penguinmails.sending.mailboxes;

/** A mailbox's IMAP login with the password decrypted, for the one session that needs it. */
public record ImapSettings(String host, int port, String username, String password, boolean ssl) {

    @Override
    public String toString() {
        return "ImapSettings[host=" + host + ", port=" + port + ", username=" + username + ", ssl=" + ssl + "]";
    }
}
