package com.penguinmails.shared.suppressions;

import java.time.Instant;

/**
 * An address the workspace must not mail. {@code scope} is {@code workspace} or {@code campaign:<id>};
 * hard bounces, complaints and unsubscribes always suppress at workspace scope.
 */
public record Suppression(String workspaceId, String email, String scope, Reason reason, String source, Instant createdAt) {

    public static final String WORKSPACE_SCOPE = "workspace";

    public enum Reason { HARD_BOUNCE, COMPLAINT, UNSUBSCRIBE, REPEATED_SOFT_BOUNCE, MANUAL }

    public static String campaignScope(String campaignId) {
        return "campaign:" + campaignId;
    }
}
