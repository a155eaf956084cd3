package com.penguinmails.campaigns.definition;

import java.util.Locale;

/** Where a campaign is in its life: drafts are edited, running ones send, paused ones hold every contact where it is. */
public enum CampaignStatus {
    DRAFT, RUNNING, PAUSED, ARCHIVED;

    public String wireName() {
        return name().toLowerCase(Locale.ROOT);
    }

    public static CampaignStatus fromWire(String value) {
        return valueOf(value.toUpperCase(Locale.ROOT));
    }
}
