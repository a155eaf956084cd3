package com.penguinmails.identity.approvals;

import java.util.Arrays;
import java.util.Optional;

/**
 * The actions an approval policy can guard: each is checked where the action is taken, so a policy never promises a
 * guard that does not exist.
 */
public enum GuardedAction {
    /** Launching a campaign; the policy's threshold is the number of contacts it would enroll. */
    CAMPAIGN_LAUNCH("campaign.launch");

    private final String wireName;

    GuardedAction(String wireName) {
        this.wireName = wireName;
    }

    public String wireName() {
        return wireName;
    }

    public static Optional<GuardedAction> fromWire(String value) {
        return Arrays.stream(values()).filter(a -> a.wireName.equals(value)).findFirst();
    }
}
