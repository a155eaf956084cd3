package com.penguinmails.identity.apikeys;

import java.time.Instant;
import java.util.List;

/**
 * An API key. Users see its first characters ({@code secretPrefix}) to tell keys apart, never the secret;
 * {@code secretHash} is the hash of the current secret, kept so rotation can retire it.
 */
public record ApiKey(String id, String workspaceId, String name, String secretPrefix, String secretHash,
                     List<String> scopes,
                     Status status, String createdBy, Instant createdAt, Instant lastUsedAt, Instant expiresAt,
                     int rateLimitPerSecond, Instant rotatedAt, Instant revokedAt) {

    public enum Status { ACTIVE, REVOKED, EXPIRED }

    /** How {@code createdBy} names a member. */
    public static final String MEMBER_ACTOR = "member:";

    public ApiKey {
        scopes = List.copyOf(scopes);
    }

    /** The member the key acts for: who made it ({@code createdBy} {@code member:<id>}); null for keys no member made. */
    public String memberId() {
        return createdBy != null && createdBy.startsWith(MEMBER_ACTOR) ? createdBy.substring(MEMBER_ACTOR.length()) : null;
    }

    /** Active and not past its expiry: a key past expiresAt is treated as expired before the sweeper marks it. */
    public Status effectiveStatus(Instant now) {
        if (status == Status.ACTIVE && expiresAt != null && !now.isBefore(expiresAt)) {
            return Status.EXPIRED;
        }
        return status;
    }
}

