package com.penguinmails.sending.suppressions;

import java.time.Instant;

/**
 * An address the workspace must not mail. {@code scope} is {@code workspace} or {@code campaign:<id>};
 * hard bounces, complaints and unsubscribes always suppress at workspace scope.
 */
public record Suppression(String workspaceId, String email, String scope, Reason reason, String source, Instant createdAt) {

    public static final String WORKSPACE_SCOPE = "workspace";
    private static final java.util.regex.Pattern CAMPAIGN_ID = java.util.regex.Pattern.compile("[A-Za-z0-9_.-]{1,100}");

    public enum Reason { HARD_BOUNCE, COMPLAINT, UNSUBSCRIBE, REPEATED_SOFT_BOUNCE, MANUAL }

    /** What a campaign id may be (it becomes part of a suppression's key as {@code campaign:<id>}). */
    public static boolean isCampaignId(String campaignId) {
        return campaignId != null && CAMPAIGN_ID.matcher(campaignId).matches();
    }

    /** {@link #WORKSPACE_SCOPE} or {@code campaign:<campaignId>}. */
    public static boolean isScope(String scope) {
        return WORKSPACE_SCOPE.equals(scope) || scope != null && scope.startsWith("campaign:") && isCampaignId(scope.substring("campaign:".length()));
    }

    public static String campaignScope(String campaignId) {
        return "campaign:" + campaignId;
    }
}
