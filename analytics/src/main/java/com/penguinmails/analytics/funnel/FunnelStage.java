package com.penguinmails.analytics.funnel;

import java.util.Locale;

/**
 * How far a contact has come in a campaign, in order: each stage implies the ones before it (a reply on LinkedIn
 * with no recorded send still means the contact was reached). A contact's stage only ever moves forward.
 */
public enum FunnelStage {
    /** Something was sent or delivered to the contact on some channel. */
    REACHED,
    /** The contact opened (a reader's open, not a privacy proxy's), clicked, or accepted a connection. */
    ENGAGED,
    /** The contact replied. */
    REPLIED,
    /** A meeting was booked with the contact. */
    MEETING;

    public String wireName() {
        return name().toLowerCase(Locale.ROOT);
    }

    public static FunnelStage fromWireName(String name) {
        return valueOf(name.toUpperCase(Locale.ROOT));
    }

    public boolean isAfter(FunnelStage other) {
        return other == null || compareTo(other) > 0;
    }
}
