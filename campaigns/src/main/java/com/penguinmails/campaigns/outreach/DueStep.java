package com.penguinmails.campaigns.outreach;

import java.time.Instant;

/** A reminder that step {@code step} of a contact's sequence is due at {@code dueAt}; the enrollment says whether it still is. */
public record DueStep(String workspaceId, String campaignId, String contactId, int step, Instant dueAt) {
}
