package com.penguinmails.sending.ips.internal;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import com.penguinmails.core.platform.Json;
import com.penguinmails.sending.ips.DedicatedIp;
import com.penguinmails.sending.ips.IpPool;
import com.penguinmails.sending.ips.IpStore;
import com.penguinmails.sending.warmup.IpWarmupPlan;
import com.penguinmails.sending.warmup.WarmupState;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Consumer;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.ConditionalCheckFailedException;
import software.amazon.awssdk.services.dynamodb.model.ScanRequest;
import software.amazon.awssdk.services.dynamodb.model.ScanResponse;

/**
 * The sending-resources table: one partition per workspace, sort keys {@code ip#<id>} and {@code pool#<id>}.
 * Warmup plans and states are small, read whole and changed whole, so they are stored as JSON.
 */
public final class DynamoDbIpStore implements IpStore {

    private static final TypeReference<List<IpPool.Member>> MEMBERS = new TypeReference<>() {};

    private final DynamoDbClient dynamoDb;
    private final String table;

    public DynamoDbIpStore(DynamoDbClient dynamoDb, String table) {
        this.dynamoDb = dynamoDb;
        this.table = table;
    }

    @Override
    public void createIp(DedicatedIp ip) {
        dynamoDb.putItem(r -> r.tableName(table).item(toItem(ip, 1)).conditionExpression("attribute_not_exists(resourceKey)"));
    }

    @Override
    public Optional<DedicatedIp> findIp(String workspaceId, String ipId) {
        return get(workspaceId, "ip#" + ipId).map(DynamoDbIpStore::toIp);
    }

    @Override
    public boolean saveIp(DedicatedIp ip) {
        try {
            dynamoDb.putItem(r -> r.tableName(table).item(toItem(ip, ip.version() + 1))
                    .conditionExpression("version = :expected")
                    .expressionAttributeValues(Map.of(":expected", AttributeValue.fromN(Long.toString(ip.version())))));
            return true;
        } catch (ConditionalCheckFailedException e) {
            return false;
        }
    }

    @Override
    public List<DedicatedIp> listIps(String workspaceId) {
        return query(workspaceId, "ip#").stream().map(DynamoDbIpStore::toIp).toList();
    }

    @Override
    public void createPool(IpPool pool) {
        Map<String, AttributeValue> item = new HashMap<>();
        item.put("workspaceId", AttributeValue.fromS(pool.workspaceId()));
        item.put("resourceKey", AttributeValue.fromS("pool#" + pool.id()));
        item.put("name", AttributeValue.fromS(pool.name()));
        item.put("members", AttributeValue.fromS(json(pool.members())));
        item.put("createdAt", AttributeValue.fromN(Long.toString(pool.createdAt().toEpochMilli())));
        dynamoDb.putItem(r -> r.tableName(table).item(item).conditionExpression("attribute_not_exists(resourceKey)"));
    }

    @Override
    public Optional<IpPool> findPool(String workspaceId, String poolId) {
        return get(workspaceId, "pool#" + poolId).map(DynamoDbIpStore::toPool);
    }

    @Override
    public List<IpPool> listPools(String workspaceId) {
        return query(workspaceId, "pool#").stream().map(DynamoDbIpStore::toPool).toList();
    }

    @Override
    public void forEachIp(Consumer<DedicatedIp> action) {
        Map<String, AttributeValue> start = null;
        do {
            ScanResponse page = dynamoDb.scan(ScanRequest.builder().tableName(table)
                    .filterExpression("begins_with(resourceKey, :ip)")
                    .expressionAttributeValues(Map.of(":ip", AttributeValue.fromS("ip#")))
                    .exclusiveStartKey(start).build());
            page.items().forEach(item -> action.accept(toIp(item)));
            start = page.hasLastEvaluatedKey() && !page.lastEvaluatedKey().isEmpty() ? page.lastEvaluatedKey() : null;
        } while (start != null);
    }

    private Optional<Map<String, AttributeValue>> get(String workspaceId, String resourceKey) {
        Map<String, AttributeValue> item = dynamoDb.getItem(r -> r.tableName(table).consistentRead(true)
                .key(Map.of("workspaceId", AttributeValue.fromS(workspaceId), "resourceKey", AttributeValue.fromS(resourceKey)))).item();
        return item == null || item.isEmpty() ? Optional.empty() : Optional.of(item);
    }

    private List<Map<String, AttributeValue>> query(String workspaceId, String prefix) {
        return dynamoDb.queryPaginator(r -> r.tableName(table)
                        .keyConditionExpression("workspaceId = :ws AND begins_with(resourceKey, :prefix)")
                        .expressionAttributeValues(Map.of(":ws", AttributeValue.fromS(workspaceId), ":prefix", AttributeValue.fromS(prefix))))
                .items().stream().toList();
    }

    private static Map<String, AttributeValue> toItem(DedicatedIp ip, long version) {
        Map<String, AttributeValue> item = new HashMap<>();
        item.put("workspaceId", AttributeValue.fromS(ip.workspaceId()));
        item.put("resourceKey", AttributeValue.fromS("ip#" + ip.id()));
        item.put("address", AttributeValue.fromS(ip.address()));
        item.put("plan", AttributeValue.fromS(json(ip.plan())));
        item.put("warmup", AttributeValue.fromS(json(ip.warmup())));
        item.put("createdAt", AttributeValue.fromN(Long.toString(ip.createdAt().toEpochMilli())));
        item.put("version", AttributeValue.fromN(Long.toString(version)));
        return item;
    }

    private static DedicatedIp toIp(Map<String, AttributeValue> item) {
        try {
            return new DedicatedIp(item.get("resourceKey").s().substring(3), item.get("workspaceId").s(), item.get("address").s(),
                    Json.STORAGE.readValue(item.get("plan").s(), IpWarmupPlan.class),
                    Json.STORAGE.readValue(item.get("warmup").s(), WarmupState.class),
                    Instant.ofEpochMilli(Long.parseLong(item.get("createdAt").n())), Long.parseLong(item.get("version").n()));
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("corrupt IP item " + item.get("resourceKey"), e);
        }
    }

    private static IpPool toPool(Map<String, AttributeValue> item) {
        try {
            return new IpPool(item.get("resourceKey").s().substring(5), item.get("workspaceId").s(), item.get("name").s(),
                    Json.STORAGE.readValue(item.get("members").s(), MEMBERS), Instant.ofEpochMilli(Long.parseLong(item.get("createdAt").n())));
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("corrupt pool item " + item.get("resourceKey"), e);
        }
    }

    private static String json(Object value) {
        try {
            return Json.STORAGE.writeValueAsString(value);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }
}
