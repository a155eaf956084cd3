package com.penguinmails.core.auth;

import java.util.List;

/**
 * Who is calling, as the authorizer established it. {@code actor} is what the audit log records
 * ({@code apikey:key_...} or {@code operator}).
 */
public record Principal(String workspaceId, String keyId, String actor, List<String> scopes, int rateLimitPerSecond) {

    public Principal {
        scopes = List.copyOf(scopes);
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
