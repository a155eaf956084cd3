package com.penguinmails.identity.approvals;

import java.util.Locale;

/**
 * Pending until enough approvers agree or one rejects; expired when nobody decided in time. The decision that reaches
 * the quorum moves it to approved (a conditional write, so only one decision does), the action runs once, and it ends
 * executed, or failed with the reason. Only pending requests take decisions.
 */
public enum ApprovalStatus {
    PENDING, APPROVED, REJECTED, EXPIRED, EXECUTED, FAILED;

    public String wireName() {
        return name().toLowerCase(Locale.ROOT);
    }
}
