package com.penguinmails.core.auth;

import java.util.List;

/**
 * Who is calling, as the authorizer established it. {@code actor} is what the audit log records
 * ({@code apikey:key_...} or {@code operator}); {@code memberId} the member the key acts for (a key made by a member
 * acts as that member, its scopes capped by the member's role), null for the operator and for keys no member made.
 */
public record Principal(String workspaceId, String keyId, String actor, List<String> scopes, int rateLimitPerSecond, String memberId) {

    public Principal {
        scopes = List.copyOf(scopes);
    }

    /** A caller that acts for no member. */
    public Principal(String workspaceId, String keyId, String actor, List<String> scopes, int rateLimitPerSecond) {
        this(workspaceId, keyId, actor, scopes, rateLimitPerSecond, null);
    }

    public static Principal operator() {
        return new Principal(null, "operator", "operator", List.of(Scopes.OPERATOR), 50);
    }

    public boolean isOperator() {
        return workspaceId == null;
    }

    public boolean allows(String requiredScope) {
        return Scopes.allows(scopes, requiredScope);
    }
}
