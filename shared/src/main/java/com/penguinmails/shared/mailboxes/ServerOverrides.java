package com.penguinmails.shared.mailboxes;

/**
 * Local platform only: where a mailbox's SMTP and IMAP connections really go (the local mail sink), whatever the
 * mailbox says, so that nothing leaves the machine. Null parts leave the mailbox's own setting in force; in AWS
 * nothing is overridden.
 */
public record ServerOverrides(String smtpHost, Integer smtpPort, String imapHost, Integer imapPort) {

    public static final ServerOverrides NONE = new ServerOverrides(null, null, null, null);
}
