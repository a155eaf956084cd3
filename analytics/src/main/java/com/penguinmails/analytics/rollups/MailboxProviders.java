package com.penguinmails.analytics.rollups;

import java.util.Locale;
import java.util.Map;

/**
 * The mailbox provider behind a recipient address, from its domain: the consumer domains of the big five. A company
 * domain hosted by Google Workspace or Microsoft 365 reads as "other" until its MX is looked up (not done here: the
 * aggregator does no DNS on the hot path).
 */
final class MailboxProviders {

    static final String OTHER = "other";

    private static final Map<String, String> BY_DOMAIN = Map.ofEntries(
            Map.entry("gmail.com", "gmail"), Map.entry("googlemail.com", "gmail"),
            Map.entry("outlook.com", "microsoft"), Map.entry("hotmail.com", "microsoft"), Map.entry("live.com", "microsoft"),
            Map.entry("msn.com", "microsoft"), Map.entry("hotmail.co.uk", "microsoft"), Map.entry("outlook.fr", "microsoft"),
            Map.entry("yahoo.com", "yahoo"), Map.entry("ymail.com", "yahoo"), Map.entry("aol.com", "yahoo"),
            Map.entry("yahoo.co.uk", "yahoo"), Map.entry("rocketmail.com", "yahoo"),
            Map.entry("icloud.com", "apple"), Map.entry("me.com", "apple"), Map.entry("mac.com", "apple"));

    private MailboxProviders() {
    }

    static String of(String address) {
        if (address == null) {
            return OTHER;
        }
        String domain = address.substring(address.lastIndexOf('@') + 1).toLowerCase(Locale.ROOT).strip();
        return BY_DOMAIN.getOrDefault(domain, OTHER);
    }
}
