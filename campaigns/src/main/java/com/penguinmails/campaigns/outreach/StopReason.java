package com.penguinmails.campaigns.outreach;

import java.util.Locale;

/** Why a contact's sequence stopped before its last step. */
public enum StopReason {
    REPLIED, BOUNCED, UNSUBSCRIBED, COMPLAINED, NOT_MAILABLE, SUPPRESSED, MISSING_VARIABLES;

    public String wireName() {
        return name().toLowerCase(Locale.ROOT).replace('_', '-');
    }

    public static StopReason fromWire(String value) {
        return valueOf(value.toUpperCase(Locale.ROOT).replace('-', '_'));
    }
}
