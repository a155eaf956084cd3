package com.penguinmails.identity.members;

import java.util.Locale;

/** Invited (an invitation is out, not yet accepted), active, or removed (their keys stop working at once). */
public enum MemberStatus {
    INVITED, ACTIVE, REMOVED;

    public String wireName() {
        return name().toLowerCase(Locale.ROOT);
    }
}
