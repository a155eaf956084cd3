package com.penguinmails.identity.apikeys.internal;

import static software.amazon.awssdk.enhanced.dynamodb.mapper.StaticAttributeTags.primaryPartitionKey;
import static software.amazon.awssdk.enhanced.dynamodb.mapper.StaticAttributeTags.primarySortKey;

import com.penguinmails.identity.apikeys.ApiKey;
import java.time.Instant;
import java.util.List;
import software.amazon.awssdk.enhanced.dynamodb.EnhancedType;
import software.amazon.awssdk.enhanced.dynamodb.TableSchema;
import software.amazon.awssdk.enhanced.dynamodb.mapper.StaticTableSchema;

/** The api-keys table row. Times are epoch milliseconds so filters and comparisons are numeric. */
final class ApiKeyItem {

    static final TableSchema<ApiKeyItem> SCHEMA = StaticTableSchema.builder(ApiKeyItem.class)
            .newItemSupplier(ApiKeyItem::new)
            .addAttribute(String.class, a -> a.name("workspaceId").getter(i -> i.workspaceId).setter((i, v) -> i.workspaceId = v).tags(primaryPartitionKey()))
            .addAttribute(String.class, a -> a.name("keyId").getter(i -> i.keyId).setter((i, v) -> i.keyId = v).tags(primarySortKey()))
            .addAttribute(String.class, a -> a.name("name").getter(i -> i.name).setter((i, v) -> i.name = v))
            .addAttribute(String.class, a -> a.name("secretPrefix").getter(i -> i.secretPrefix).setter((i, v) -> i.secretPrefix = v))
            .addAttribute(String.class, a -> a.name("secretHash").getter(i -> i.secretHash).setter((i, v) -> i.secretHash = v))
            .addAttribute(EnhancedType.listOf(String.class), a -> a.name("scopes").getter(i -> i.scopes).setter((i, v) -> i.scopes = v))
            .addAttribute(String.class, a -> a.name("status").getter(i -> i.status).setter((i, v) -> i.status = v))
            .addAttribute(String.class, a -> a.name("createdBy").getter(i -> i.createdBy).setter((i, v) -> i.createdBy = v))
            .addAttribute(Long.class, a -> a.name("createdAt").getter(i -> i.createdAt).setter((i, v) -> i.createdAt = v))
            .addAttribute(Long.class, a -> a.name("lastUsedAt").getter(i -> i.lastUsedAt).setter((i, v) -> i.lastUsedAt = v))
            .addAttribute(Long.class, a -> a.name("expiresAt").getter(i -> i.expiresAt).setter((i, v) -> i.expiresAt = v))
            .addAttribute(Integer.class, a -> a.name("rateLimitPerSecond").getter(i -> i.rateLimitPerSecond).setter((i, v) -> i.rateLimitPerSecond = v))
            .addAttribute(Long.class, a -> a.name("rotatedAt").getter(i -> i.rotatedAt).setter((i, v) -> i.rotatedAt = v))
            .addAttribute(Long.class, a -> a.name("revokedAt").getter(i -> i.revokedAt).setter((i, v) -> i.revokedAt = v))
            .build();

    String workspaceId;
    String keyId;
    String name;
    String secretPrefix;
    String secretHash;
    List<String> scopes;
    String status;
    String createdBy;
    Long createdAt;
    Long lastUsedAt;
    Long expiresAt;
    Integer rateLimitPerSecond;
    Long rotatedAt;
    Long revokedAt;

    static ApiKeyItem from(ApiKey key) {
        ApiKeyItem item = new ApiKeyItem();
        item.workspaceId = key.workspaceId();
        item.keyId = key.id();
        item.name = key.name();
        item.secretPrefix = key.secretPrefix();
        item.secretHash = key.secretHash();
        item.scopes = key.scopes();
        item.status = key.status().name();
        item.createdBy = key.createdBy();
        item.createdAt = millis(key.createdAt());
        item.lastUsedAt = millis(key.lastUsedAt());
        item.expiresAt = millis(key.expiresAt());
        item.rateLimitPerSecond = key.rateLimitPerSecond();
        item.rotatedAt = millis(key.rotatedAt());
        item.revokedAt = millis(key.revokedAt());
        return item;
    }

    ApiKey toDomain() {
        return new ApiKey(keyId, workspaceId, name, secretPrefix, secretHash, scopes == null ? List.of() : scopes,
                ApiKey.Status.valueOf(status), createdBy, instant(createdAt), instant(lastUsedAt), instant(expiresAt),
                rateLimitPerSecond == null ? 0 : rateLimitPerSecond, instant(rotatedAt), instant(revokedAt));
    }

    static Long millis(Instant instant) {
        return instant == null ? null : instant.toEpochMilli();
    }

    static Instant instant(Long millis) {
        return millis == null ? null : Instant.ofEpochMilli(millis);
    }
}
