package com.penguinmails.sending.domains.internal;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import com.penguinmails.core.paging.Page;
import com.penguinmails.core.platform.Json;
import com.penguinmails.sending.domains.DnsRecord;
import com.penguinmails.sending.domains.Domain;
import com.penguinmails.sending.domains.DomainStore;
import com.penguinmails.sending.domains.RecordCheck;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.ConditionalCheckFailedException;
import software.amazon.awssdk.services.dynamodb.model.QueryRequest;
import software.amazon.awssdk.services.dynamodb.model.QueryResponse;

/** Domains keyed by workspace and name; the record lists are small and read whole, so they are stored as JSON. */
public final class DynamoDbDomainStore implements DomainStore {

    private static final TypeReference<List<DnsRecord>> RECORDS = new TypeReference<>() {};
    private static final TypeReference<List<RecordCheck>> CHECKS = new TypeReference<>() {};

    private final DynamoDbClient dynamoDb;
    private final String table;

    public DynamoDbDomainStore(DynamoDbClient dynamoDb, String table) {
        this.dynamoDb = dynamoDb;
        this.table = table;
    }

    @Override
    public boolean create(Domain domain) {
        try {
            dynamoDb.putItem(r -> r.tableName(table).item(toItem(domain)).conditionExpression("attribute_not_exists(domainId)"));
            return true;
        } catch (ConditionalCheckFailedException e) {
            return false;
        }
    }

    @Override
    public Optional<Domain> find(String workspaceId, String domainId) {
        Map<String, AttributeValue> item = dynamoDb.getItem(r -> r.tableName(table).consistentRead(true)
                .key(Map.of("workspaceId", AttributeValue.fromS(workspaceId), "domainId", AttributeValue.fromS(domainId)))).item();
        return item == null || item.isEmpty() ? Optional.empty() : Optional.of(toDomain(item));
    }

    @Override
    public void save(Domain domain) {
        dynamoDb.putItem(r -> r.tableName(table).item(toItem(domain)));
    }

    @Override
    public Page<Domain> list(String workspaceId, String afterPosition, int limit) {
        QueryRequest.Builder request = QueryRequest.builder().tableName(table)
                .keyConditionExpression("workspaceId = :ws")
                .expressionAttributeValues(Map.of(":ws", AttributeValue.fromS(workspaceId)))
                .limit(limit);
        if (afterPosition != null) {
            request.exclusiveStartKey(Map.of("workspaceId", AttributeValue.fromS(workspaceId), "domainId", AttributeValue.fromS(afterPosition)));
        }
        QueryResponse response = dynamoDb.query(request.build());
        String next = response.hasLastEvaluatedKey() && !response.lastEvaluatedKey().isEmpty()
                ? response.lastEvaluatedKey().get("domainId").s() : null;
        return new Page<>(response.items().stream().map(DynamoDbDomainStore::toDomain).toList(), next);
    }

    private static Map<String, AttributeValue> toItem(Domain d) {
        Map<String, AttributeValue> item = new HashMap<>();
        item.put("workspaceId", AttributeValue.fromS(d.workspaceId()));
        item.put("domainId", AttributeValue.fromS(d.id()));
        item.put("status", AttributeValue.fromS(d.status().name()));
        item.put("records", AttributeValue.fromS(json(d.records())));
        item.put("lastChecks", AttributeValue.fromS(json(d.lastChecks())));
        item.put("createdAt", millis(d.createdAt()));
        if (d.verifiedAt() != null) {
            item.put("verifiedAt", millis(d.verifiedAt()));
        }
        if (d.lastCheckedAt() != null) {
            item.put("lastCheckedAt", millis(d.lastCheckedAt()));
        }
        return item;
    }

    private static Domain toDomain(Map<String, AttributeValue> item) {
        try {
            return new Domain(item.get("domainId").s(), item.get("workspaceId").s(), Domain.Status.valueOf(item.get("status").s()),
                    Json.STORAGE.readValue(item.get("records").s(), RECORDS), Json.STORAGE.readValue(item.get("lastChecks").s(), CHECKS),
                    instant(item.get("createdAt")), instant(item.get("verifiedAt")), instant(item.get("lastCheckedAt")));
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("corrupt domain item " + item.get("domainId"), e);
        }
    }

    private static String json(Object value) {
        try {
            return Json.STORAGE.writeValueAsString(value);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    private static AttributeValue millis(Instant instant) {
        return AttributeValue.fromN(Long.toString(instant.toEpochMilli()));
    }

    private static Instant instant(AttributeValue value) {
        return value == null ? null : Instant.ofEpochMilli(Long.parseLong(value.n()));
    }
}
