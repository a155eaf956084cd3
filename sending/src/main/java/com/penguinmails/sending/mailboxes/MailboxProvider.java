package com.penguinmails.sending.mailboxes;

import java.util.Locale;
import java.util.Map;

/**
 * The mailbox provider behind a receiving address, told from its domain. Inbox placement is reported per provider
 * because Gmail, Microsoft and Yahoo filter differently: a domain that lands in Gmail's inbox can land in Outlook's
 * junk folder. Only the well-known consumer domains are recognised; anything else (including a company domain hosted
 * on Google Workspace, which its MX records would reveal but the address alone does not) is {@link #OTHER}.
 */
public enum MailboxProvider {
    GMAIL("gmail"),
    MICROSOFT("microsoft"),
    YAHOO("yahoo"),
    APPLE("apple"),
    OTHER("other");

    /** Consumer domains by provider; AOL belongs to Yahoo and filters with the same systems. */
    private static final Map<String, MailboxProvider> BY_DOMAIN = Map.ofEntries(
            Map.entry("gmail.com", GMAIL),
            Map.entry("googlemail.com", GMAIL),
            Map.entry("outlook.com", MICROSOFT),
            Map.entry("hotmail.com", MICROSOFT),
            Map.entry("live.com", MICROSOFT),
            Map.entry("msn.com", MICROSOFT),
            Map.entry("office365.com", MICROSOFT),
            Map.entry("yahoo.com", YAHOO),
            Map.entry("ymail.com", YAHOO),
            Map.entry("aol.com", YAHOO),
            Map.entry("icloud.com", APPLE),
            Map.entry("me.com", APPLE),
            Map.entry("mac.com", APPLE));

    /** Providers that run national domains (hotmail.co.uk, yahoo.fr, outlook.de); only these labels, only before a country suffix. */
    private static final Map<String, MailboxProvider> COUNTRY_VARIANTS = Map.of(
            "hotmail", MICROSOFT, "outlook", MICROSOFT, "live", MICROSOFT, "yahoo", YAHOO, "gmail", GMAIL);

    private final String wireName;

    MailboxProvider(String wireName) {
        this.wireName = wireName;
    }

    /** The name used in events and the API ("gmail", "microsoft", "yahoo", "apple", "other"). */
    public String wireName() {
        return wireName;
    }

    /**
     * The provider of an email address or a bare domain. Country variants (hotmail.co.uk, yahoo.fr, outlook.de) count:
     * a listed provider label before a country suffix decides when the whole domain is not listed. Blank or malformed input is OTHER,
     * never an error, because placement reporting must not fail on one odd seed address.
     */
    public static MailboxProvider of(String emailOrDomain) {
        if (emailOrDomain == null) {
            return OTHER;
        }
        String domain = emailOrDomain.strip().toLowerCase(Locale.ROOT);
        int at = domain.lastIndexOf('@');
        if (at >= 0) {
            domain = domain.substring(at + 1);
        }
        while (domain.endsWith(".")) {
            domain = domain.substring(0, domain.length() - 1);
        }
        if (domain.isEmpty()) {
            return OTHER;
        }
        MailboxProvider exact = BY_DOMAIN.get(domain);
        if (exact != null) {
            return exact;
        }
        int dot = domain.indexOf('.');
        if (dot <= 0) {
            return OTHER;
        }
        MailboxProvider national = COUNTRY_VARIANTS.get(domain.substring(0, dot));
        boolean countrySuffix = domain.substring(dot + 1).matches("((co|com)\\.)?[a-z]{2}");
        return national != null && countrySuffix ? national : OTHER;
    }

    /**
     * The provider of a mailbox we can log in to: by its address, or else by its IMAP server, which tells a company
     * domain hosted on Google Workspace (imap.gmail.com) or Microsoft 365 (outlook.office365.com) apart from OTHER.
     */
    public static MailboxProvider ofMailbox(String email, String imapHost) {
        MailboxProvider byAddress = of(email);
        if (byAddress != OTHER || imapHost == null) {
            return byAddress;
        }
        String host = imapHost.strip().toLowerCase(Locale.ROOT);
        for (Map.Entry<String, MailboxProvider> server : IMAP_SERVERS.entrySet()) {
            if (host.equals(server.getKey()) || host.endsWith("." + server.getKey())) {
                return server.getValue();
            }
        }
        return OTHER;
    }

    /** The providers' IMAP server domains (imap.gmail.com, outlook.office365.com, imap.mail.yahoo.com, imap.mail.me.com). */
    private static final Map<String, MailboxProvider> IMAP_SERVERS = Map.of(
            "gmail.com", GMAIL, "googlemail.com", GMAIL, "office365.com", MICROSOFT, "outlook.com", MICROSOFT,
            "yahoo.com", YAHOO, "aol.com", YAHOO, "me.com", APPLE, "icloud.com", APPLE);
}
