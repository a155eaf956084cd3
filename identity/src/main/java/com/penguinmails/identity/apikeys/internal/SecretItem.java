package com.penguinmails.identity.apikeys.internal;

import static software.amazon.awssdk.enhanced.dynamodb.mapper.StaticAttributeTags.primaryPartitionKey;

import software.amazon.awssdk.enhanced.dynamodb.TableSchema;
import software.amazon.awssdk.enhanced.dynamodb.mapper.StaticTableSchema;

/**
 * The api-key-secrets row: the hash of one secret pointing at its key. A rotated-out secret gets
 * {@code expiresAtEpoch} (end of its grace period), which is also the table's TTL attribute.
 */
final class SecretItem {

    static final TableSchema<SecretItem> SCHEMA = StaticTableSchema.builder(SecretItem.class)
            .newItemSupplier(SecretItem::new)
            .addAttribute(String.class, a -> a.name("secretHash").getter(i -> i.secretHash).setter((i, v) -> i.secretHash = v).tags(primaryPartitionKey()))
            .addAttribute(String.class, a -> a.name("workspaceId").getter(i -> i.workspaceId).setter((i, v) -> i.workspaceId = v))
            .addAttribute(String.class, a -> a.name("keyId").getter(i -> i.keyId).setter((i, v) -> i.keyId = v))
            .addAttribute(Long.class, a -> a.name("expiresAtEpoch").getter(i -> i.expiresAtEpoch).setter((i, v) -> i.expiresAtEpoch = v))
            .build();

    String secretHash;
    String workspaceId;
    String keyId;
    Long expiresAtEpoch;

    static SecretItem of(String secretHash, String workspaceId, String keyId) {
        SecretItem item = new SecretItem();
        item.secretHash = secretHash;
        item.workspaceId = workspaceId;
        item.keyId = keyId;
        return item;
    }
}
