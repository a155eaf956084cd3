package com.penguinmails.identity.apikeys;

import com.penguinmails.core.auth.Principal;

/**
 * The outcome of presenting a secret: a principal, or a failure reason. {@code workspaceId} and {@code keyId} are
 * filled for failures of a known key (expired, revoked) so the failure lands in that workspace's audit log.
 */
public record Authentication(Principal principal, Failure failure, String workspaceId, String keyId) {

    public enum Failure {
        MISSING("No API key was sent. Send it as 'Authorization: Bearer <key>' or 'X-Api-Key: <key>'."),
        MALFORMED("The API key is not in the form pm_live_<43 characters>."),
        UNKNOWN("The API key is not valid."),
        EXPIRED("The API key has expired."),
        REVOKED("The API key has been revoked.");

        private final String detail;

        Failure(String detail) {
            this.detail = detail;
        }

        public String detail() {
            return detail;
        }
    }

    public static Authentication success(Principal principal) {
        return new Authentication(principal, null, principal.workspaceId(), principal.keyId());
    }

    public static Authentication failed(Failure failure) {
        return new Authentication(null, failure, null, null);
    }

    public static Authentication failed(Failure failure, String workspaceId, String keyId) {
        return new Authentication(null, failure, workspaceId, keyId);
    }

    public boolean succeeded() {
        return principal != null;
    }
}
