package com.penguinmails.campaigns.outreach;

import java.util.Locale;

/**
 * A contact's place in a campaign: moving through the steps, waiting for a task's channel activity, through every
 * step, or stopped (by a reply, a bounce, an unsubscribe, a complaint, or the contact leaving the mailable list).
 */
public enum EnrollmentStatus {
    ACTIVE, WAITING, FINISHED, STOPPED;

    public String wireName() {
        return name().toLowerCase(Locale.ROOT);
    }

    public static EnrollmentStatus fromWire(String value) {
        return valueOf(value.toUpperCase(Locale.ROOT));
    }
}
