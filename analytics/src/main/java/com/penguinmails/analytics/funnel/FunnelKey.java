package com.penguinmails.analytics.funnel;

/** Which funnel entry: a contact in a workspace's campaign. */
public record FunnelKey(String workspaceId, String campaignId, String contact) {
}
