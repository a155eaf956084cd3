package com.penguinmails.campaigns.contacts;

import java.util.Locale;

/**
 * Whether a contact may still be mailed. Only the platform moves a contact out of {@link #ACTIVE}, from the events
 * of its mail (a hard bounce, a complaint, an unsubscribe), so no campaign of the workspace mails them again.
 */
public enum ContactStatus {
    ACTIVE, UNSUBSCRIBED, BOUNCED, COMPLAINED;

    public String wireName() {
        return name().toLowerCase(Locale.ROOT);
    }

    public static ContactStatus fromWire(String value) {
        return valueOf(value.toUpperCase(Locale.ROOT));
    }
}
