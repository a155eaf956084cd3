package com.penguinmails.identity.apikeys;

import com.penguinmails.core.paging.Page;
import java.time.Instant;
import java.util.Optional;

/** Persistence of keys and of the secret-hash index the authorizer reads. */
public interface ApiKeyStore {

    /** Where a secret hash points, and until when it is valid (null: as long as the key). */
    record SecretRef(String workspaceId, String keyId, Instant validUntil) {}

    void putSecret(String secretHash, String workspaceId, String keyId);

    /** Ends a rotated-out secret's validity at {@code validUntil}; DynamoDB TTL removes it later. */
    void expireSecret(String secretHash, Instant validUntil);

    Optional<SecretRef> findSecret(String secretHash);

    /** Stores a new key; fails if the id exists. */
    void create(ApiKey key);

    Optional<ApiKey> find(String workspaceId, String keyId);

    /** Replaces a key only if it still has {@code expected} status; false when someone changed it first. */
    boolean replaceIfStatus(ApiKey updated, ApiKey.Status expected);

    Page<ApiKey> list(String workspaceId, String afterKeyId, int limit);

    /** Records use, at most once per {@code minInterval}: a conditional write that loses races harmlessly. */
    void touch(String workspaceId, String keyId, Instant now, java.time.Duration minInterval);

    /** Active keys whose expiry is at or before {@code now}, one scan page at a time. */
    Page<ApiKey> scanExpired(Instant now, String afterPosition, int pageSize);
}
