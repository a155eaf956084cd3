package com.penguinmails.identity.audit;

import java.time.Instant;
import java.util.regex.Pattern;

/** Filters for reading the audit log; null means no filter. Results are newest first. */
public record AuditQuery(String workspaceId, Instant from, Instant to, String actor, String action,
                         String afterPosition, int limit) {

    private static final Pattern POSITION = Pattern.compile("\\d{13}#evt_[0-9A-Za-z]{1,64}");

    /** Whether {@code position} can be where a page of the log ended: the event's time in epoch millis (13 digits), #, its id. */
    public static boolean isPosition(String position) {
        return position != null && POSITION.matcher(position).matches();
    }
}
