package com.penguinmails.identity.testing;

import com.penguinmails.core.paging.Page;
import com.penguinmails.identity.apikeys.ApiKey;
import com.penguinmails.identity.apikeys.ApiKeyStore;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/**
 * Keys and the secret-hash index in memory, with the DynamoDB store's conditions: a key id and a secret hash are
 * written once, a key is replaced only from the expected status, use is recorded at most once per interval; keys
 * list in id order and page by id, the expiry scan pages by {@code <workspace>|<key id>}.
 */
public final class InMemoryApiKeyStore implements ApiKeyStore {

    private final Map<String, SecretRef> secrets = new HashMap<>();
    private final TreeMap<String, ApiKey> keys = new TreeMap<>();

    @Override
    public synchronized void putSecret(String secretHash, String workspaceId, String keyId) {
        if (secrets.putIfAbsent(secretHash, new SecretRef(workspaceId, keyId, null)) != null) {
            throw new IllegalStateException("secret hash exists");
        }
    }

    @Override
    public synchronized void expireSecret(String secretHash, Instant validUntil) {
        SecretRef ref = secrets.get(secretHash);
        if (ref == null) {
            throw new IllegalStateException("no such secret");
        }
        // Stored in whole seconds (a TTL attribute), as in DynamoDB.
        secrets.put(secretHash, new SecretRef(ref.workspaceId(), ref.keyId(), Instant.ofEpochSecond(validUntil.getEpochSecond())));
    }

    @Override
    public synchronized Optional<SecretRef> findSecret(String secretHash) {
        return Optional.ofNullable(secrets.get(secretHash));
    }

    @Override
    public synchronized void create(ApiKey key) {
        if (keys.putIfAbsent(key(key.workspaceId(), key.id()), key) != null) {
            throw new IllegalStateException("key " + key.id() + " exists");
        }
    }

    @Override
    public synchronized Optional<ApiKey> find(String workspaceId, String keyId) {
        return Optional.ofNullable(keys.get(key(workspaceId, keyId)));
    }

    @Override
    public synchronized boolean replaceIfStatus(ApiKey updated, ApiKey.Status expected) {
        String key = key(updated.workspaceId(), updated.id());
        ApiKey stored = keys.get(key);
        if (stored == null || stored.status() != expected) {
            return false;
        }
        keys.put(key, updated);
        return true;
    }

    @Override
    public synchronized Page<ApiKey> list(String workspaceId, String afterKeyId, int limit) {
        String from = afterKeyId == null ? workspaceId + "|" : key(workspaceId, afterKeyId);
        List<ApiKey> items = new ArrayList<>();
        for (ApiKey key : keys.subMap(from, afterKeyId == null, workspaceId + "|\uffff", false).values()) {
            if (items.size() == limit) {
                return new Page<>(items, items.get(items.size() - 1).id());
            }
            items.add(key);
        }
        return new Page<>(items, null);
    }

    @Override
    public synchronized void touch(String workspaceId, String keyId, Instant now, Duration minInterval) {
        String key = key(workspaceId, keyId);
        ApiKey k = keys.get(key);
        if (k != null && (k.lastUsedAt() == null || k.lastUsedAt().isBefore(now.minus(minInterval)))) {
            keys.put(key, new ApiKey(k.id(), k.workspaceId(), k.name(), k.secretPrefix(), k.secretHash(), k.scopes(), k.status(),
                    k.createdBy(), k.createdAt(), now, k.expiresAt(), k.rateLimitPerSecond(), k.rotatedAt(), k.revokedAt()));
        }
    }

    @Override
    public synchronized Page<ApiKey> scanExpired(Instant now, String afterPosition, int pageSize) {
        var after = afterPosition == null ? keys : keys.tailMap(afterPosition, false);
        List<ApiKey> items = new ArrayList<>();
        int evaluated = 0;
        for (Map.Entry<String, ApiKey> entry : after.entrySet()) {
            // A scan page's size counts the items read, not the ones the filter kept.
            if (evaluated == pageSize) {
                return new Page<>(items, lastKey(after, entry.getKey()));
            }
            evaluated++;
            ApiKey k = entry.getValue();
            if (k.status() == ApiKey.Status.ACTIVE && k.expiresAt() != null && !k.expiresAt().isAfter(now)) {
                items.add(k);
            }
        }
        return new Page<>(items, null);
    }

    private static String lastKey(java.util.NavigableMap<String, ApiKey> after, String next) {
        return after.lowerKey(next);
    }

    private static String key(String workspaceId, String keyId) {
        return workspaceId + "|" + keyId;
    }
}
