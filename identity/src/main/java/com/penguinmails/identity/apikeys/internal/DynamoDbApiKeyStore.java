package com.penguinmails.identity.apikeys.internal;

import com.penguinmails.core.paging.Page;
import com.penguinmails.identity.apikeys.ApiKey;
import com.penguinmails.identity.apikeys.ApiKeyStore;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import software.amazon.awssdk.enhanced.dynamodb.DynamoDbEnhancedClient;
import software.amazon.awssdk.enhanced.dynamodb.DynamoDbTable;
import software.amazon.awssdk.enhanced.dynamodb.Expression;
import software.amazon.awssdk.enhanced.dynamodb.Key;
import software.amazon.awssdk.enhanced.dynamodb.model.PutItemEnhancedRequest;
import software.amazon.awssdk.enhanced.dynamodb.model.QueryConditional;
import software.amazon.awssdk.enhanced.dynamodb.model.QueryEnhancedRequest;
import software.amazon.awssdk.enhanced.dynamodb.model.ScanEnhancedRequest;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.ConditionalCheckFailedException;

public final class DynamoDbApiKeyStore implements ApiKeyStore {

    private static final String ACTIVE = ApiKey.Status.ACTIVE.name();

    private final DynamoDbClient dynamoDb;
    private final DynamoDbTable<ApiKeyItem> keys;
    private final DynamoDbTable<SecretItem> secrets;

    public DynamoDbApiKeyStore(DynamoDbClient dynamoDb, DynamoDbEnhancedClient enhanced, String keysTable, String secretsTable) {
        this.dynamoDb = dynamoDb;
        this.keys = enhanced.table(keysTable, ApiKeyItem.SCHEMA);
        this.secrets = enhanced.table(secretsTable, SecretItem.SCHEMA);
    }

    @Override
    public void putSecret(String secretHash, String workspaceId, String keyId) {
        secrets.putItem(PutItemEnhancedRequest.builder(SecretItem.class)
                .item(SecretItem.of(secretHash, workspaceId, keyId))
                .conditionExpression(Expression.builder().expression("attribute_not_exists(secretHash)").build())
                .build());
    }

    @Override
    public void expireSecret(String secretHash, Instant validUntil) {
        dynamoDb.updateItem(r -> r.tableName(secrets.tableName())
                .key(Map.of("secretHash", AttributeValue.fromS(secretHash)))
                .updateExpression("SET expiresAtEpoch = :until")
                .conditionExpression("attribute_exists(secretHash)")
                .expressionAttributeValues(Map.of(":until", AttributeValue.fromN(Long.toString(validUntil.getEpochSecond())))));
    }

    @Override
    public Optional<SecretRef> findSecret(String secretHash) {
        SecretItem item = secrets.getItem(r -> r.key(Key.builder().partitionValue(secretHash).build()).consistentRead(true));
        if (item == null) {
            return Optional.empty();
        }
        Instant validUntil = item.expiresAtEpoch == null ? null : Instant.ofEpochSecond(item.expiresAtEpoch);
        return Optional.of(new SecretRef(item.workspaceId, item.keyId, validUntil));
    }

    @Override
    public void create(ApiKey key) {
        keys.putItem(PutItemEnhancedRequest.builder(ApiKeyItem.class)
                .item(ApiKeyItem.from(key))
                .conditionExpression(Expression.builder().expression("attribute_not_exists(keyId)").build())
                .build());
    }

    @Override
    public Optional<ApiKey> find(String workspaceId, String keyId) {
        ApiKeyItem item = keys.getItem(r -> r.key(key(workspaceId, keyId)).consistentRead(true));
        return Optional.ofNullable(item).map(ApiKeyItem::toDomain);
    }

    @Override
    public boolean replaceIfStatus(ApiKey updated, ApiKey.Status expected) {
        try {
            keys.putItem(PutItemEnhancedRequest.builder(ApiKeyItem.class)
                    .item(ApiKeyItem.from(updated))
                    .conditionExpression(Expression.builder()
                            .expression("#status = :expected")
                            .putExpressionName("#status", "status")
                            .putExpressionValue(":expected", AttributeValue.fromS(expected.name()))
                            .build())
                    .build());
            return true;
        } catch (ConditionalCheckFailedException e) {
            return false;
        }
    }

    @Override
    public Page<ApiKey> list(String workspaceId, String afterKeyId, int limit) {
        QueryEnhancedRequest.Builder query = QueryEnhancedRequest.builder()
                .queryConditional(QueryConditional.keyEqualTo(Key.builder().partitionValue(workspaceId).build()))
                .limit(limit);
        if (afterKeyId != null) {
            query.exclusiveStartKey(Map.of("workspaceId", AttributeValue.fromS(workspaceId), "keyId", AttributeValue.fromS(afterKeyId)));
        }
        var page = keys.query(query.build()).iterator().next();
        List<ApiKey> items = page.items().stream().map(ApiKeyItem::toDomain).toList();
        Map<String, AttributeValue> last = page.lastEvaluatedKey();
        String next = last == null || last.isEmpty() ? null : last.get("keyId").s();
        return new Page<>(items, next);
    }

    @Override
    public void touch(String workspaceId, String keyId, Instant now, Duration minInterval) {
        try {
            dynamoDb.updateItem(r -> r.tableName(keys.tableName())
                    .key(Map.of("workspaceId", AttributeValue.fromS(workspaceId), "keyId", AttributeValue.fromS(keyId)))
                    .updateExpression("SET lastUsedAt = :now")
                    .conditionExpression("attribute_exists(keyId) AND (attribute_not_exists(lastUsedAt) OR lastUsedAt < :stale)")
                    .expressionAttributeValues(Map.of(
                            ":now", AttributeValue.fromN(Long.toString(now.toEpochMilli())),
                            ":stale", AttributeValue.fromN(Long.toString(now.minus(minInterval).toEpochMilli())))));
        } catch (ConditionalCheckFailedException e) {
            // Another request recorded the use within the interval: nothing to do.
        }
    }

    @Override
    public Page<ApiKey> scanExpired(Instant now, String afterPosition, int pageSize) {
        ScanEnhancedRequest.Builder scan = ScanEnhancedRequest.builder()
                .limit(pageSize)
                .filterExpression(Expression.builder()
                        .expression("#status = :active AND expiresAt <= :now")
                        .putExpressionName("#status", "status")
                        .putExpressionValue(":active", AttributeValue.fromS(ACTIVE))
                        .putExpressionValue(":now", AttributeValue.fromN(Long.toString(now.toEpochMilli())))
                        .build());
        if (afterPosition != null) {
            int split = afterPosition.indexOf('|');
            scan.exclusiveStartKey(Map.of(
                    "workspaceId", AttributeValue.fromS(afterPosition.substring(0, split)),
                    "keyId", AttributeValue.fromS(afterPosition.substring(split + 1))));
        }
        var page = keys.scan(scan.build()).iterator().next();
        List<ApiKey> items = new ArrayList<>();
        page.items().forEach(i -> items.add(i.toDomain()));
        Map<String, AttributeValue> last = page.lastEvaluatedKey();
        String next = last == null || last.isEmpty() ? null : last.get("workspaceId").s() + "|" + last.get("keyId").s();
        return new Page<>(items, next);
    }

    private static Key key(String workspaceId, String keyId) {
        return Key.builder().partitionValue(workspaceId).sortValue(keyId).build();
    }
}
