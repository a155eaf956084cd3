package com.penguinmails.identity.apikeys;

import com.penguinmails.core.auth.Principal;
import com.penguinmails.identity.apikeys.Authentication.Failure;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * Checks a presented secret: two strongly consistent reads (secret index, then key), so a new key works at once
 * and a revoked one stops at once. Only what the authorizer may touch: the key tables, nothing else.
 */
public final class ApiKeyAuthenticator {

    /** lastUsedAt is written at most this often per key, so busy keys cost no extra write per request. */
    public static final Duration LAST_USED_RESOLUTION = Duration.ofMinutes(1);

    private final ApiKeyStore store;
    private final Clock clock;
    private final String operatorKeyHash;
    private final KeyHolders holders;

    /** {@code operatorKeyHash}: hex SHA-256 of the platform-operator key set at deploy time, or null for none. */
    public ApiKeyAuthenticator(ApiKeyStore store, Clock clock, String operatorKeyHash) {
        this(store, clock, operatorKeyHash, KeyHolders.NONE);
    }

    /** With {@code holders}: a member's key is capped by the member's current role, and refused once they are removed. */
    public ApiKeyAuthenticator(ApiKeyStore store, Clock clock, String operatorKeyHash, KeyHolders holders) {
        this.store = store;
        this.clock = clock;
        this.operatorKeyHash = operatorKeyHash;
        this.holders = holders;
    }

    /** Checks a presented secret: the operator key, or a workspace key that is active, unexpired and not rotated out. */
    public Authentication authenticate(String secret) {
        if (secret == null || secret.isBlank()) {
            return Authentication.failed(Failure.MISSING);
        }
        if (!ApiKeySecrets.looksValid(secret)) {
            return Authentication.failed(Failure.MALFORMED);
        }
        String hash = ApiKeySecrets.hash(secret);
        if (operatorKeyHash != null && MessageDigest.isEqual(hash.getBytes(StandardCharsets.UTF_8), operatorKeyHash.getBytes(StandardCharsets.UTF_8))) {
            return Authentication.success(Principal.operator());
        }
        Instant now = clock.instant();
        Optional<ApiKeyStore.SecretRef> ref = store.findSecret(hash);
        if (ref.isEmpty()) {
            return Authentication.failed(Failure.UNKNOWN);
        }
        ApiKeyStore.SecretRef secretRef = ref.get();
        if (secretRef.validUntil() != null && !now.isBefore(secretRef.validUntil())) {
            return Authentication.failed(Failure.EXPIRED, secretRef.workspaceId(), secretRef.keyId());
        }
        Optional<ApiKey> found = store.find(secretRef.workspaceId(), secretRef.keyId());
        if (found.isEmpty()) {
            return Authentication.failed(Failure.UNKNOWN);
        }
        ApiKey key = found.get();
        switch (key.effectiveStatus(now)) {
            case REVOKED:
                return Authentication.failed(Failure.REVOKED, key.workspaceId(), key.id());
            case EXPIRED:
                return Authentication.failed(Failure.EXPIRED, key.workspaceId(), key.id());
            default:
                break;
        }
        List<String> scopes = key.scopes();
        if (key.memberId() != null) {
            // Read on every request, so a role change or a removal takes effect at once (one more strongly consistent read).
            Optional<List<String>> usable = holders.usableScopes(key.workspaceId(), key.memberId(), key.scopes());
            if (usable.isEmpty()) {
                return Authentication.failed(Failure.REVOKED, key.workspaceId(), key.id());
            }
            scopes = usable.get();
        }
        if (key.lastUsedAt() == null || key.lastUsedAt().isBefore(now.minus(LAST_USED_RESOLUTION))) {
            store.touch(key.workspaceId(), key.id(), now, LAST_USED_RESOLUTION);
        }
        return Authentication.success(new Principal(key.workspaceId(), key.id(), "apikey:" + key.id(), scopes,
                key.rateLimitPerSecond(), key.memberId()));
    }

}
