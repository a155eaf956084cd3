package com.penguinmails.core.idempotency.internal;

import com.penguinmails.core.idempotency.IdempotencyStore;
import java.time.Clock;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.stream.Collectors;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.ConditionalCheckFailedException;

/**
 * One item per key. Claiming is a conditional put that succeeds only if no live record exists, so two
 * concurrent requests with the same key cannot both run. A claim left behind by a crash expires after
 * {@link #LOCK}; records expire (TTL, and treated as absent on read) after {@link #RETENTION}.
 */
public final class DynamoDbIdempotencyStore implements IdempotencyStore {

    public static final Duration RETENTION = Duration.ofHours(24);
    static final Duration LOCK = Duration.ofMinutes(1);

    private final DynamoDbClient dynamoDb;
    private final String table;
    private final Clock clock;

    public DynamoDbIdempotencyStore(DynamoDbClient dynamoDb, String table, Clock clock) {
        this.dynamoDb = dynamoDb;
        this.table = table;
        this.clock = clock;
    }

    @Override
    public Claim claim(String recordKey, String requestHash) {
        long now = clock.instant().getEpochSecond();
        Map<String, AttributeValue> item = new HashMap<>();
        item.put("recordKey", AttributeValue.fromS(recordKey));
        item.put("requestHash", AttributeValue.fromS(requestHash));
        item.put("state", AttributeValue.fromS("in-progress"));
        item.put("lockedUntilEpoch", number(now + LOCK.toSeconds()));
        item.put("expiresAtEpoch", number(now + RETENTION.toSeconds()));
        try {
            dynamoDb.putItem(r -> r.tableName(table).item(item)
                    .conditionExpression("attribute_not_exists(recordKey) OR expiresAtEpoch <= :now "
                            + "OR (#state = :inProgress AND lockedUntilEpoch <= :now)")
                    .expressionAttributeNames(Map.of("#state", "state"))
                    .expressionAttributeValues(Map.of(":now", number(now), ":inProgress", AttributeValue.fromS("in-progress"))));
            return new Claimed();
        } catch (ConditionalCheckFailedException e) {
            Map<String, AttributeValue> existing = dynamoDb.getItem(r -> r.tableName(table).consistentRead(true)
                    .key(Map.of("recordKey", AttributeValue.fromS(recordKey)))).item();
            if (existing == null || existing.isEmpty()) {
                return claim(recordKey, requestHash);
            }
            if (!requestHash.equals(existing.get("requestHash").s())) {
                return new Mismatch();
            }
            if (!"done".equals(existing.get("state").s())) {
                return new InProgress();
            }
            Map<String, String> headers = existing.containsKey("headers")
                    ? existing.get("headers").m().entrySet().stream().collect(Collectors.toMap(Map.Entry::getKey, h -> h.getValue().s()))
                    : Map.of();
            return new Replay(new StoredResponse(Integer.parseInt(existing.get("status").n()), headers,
                    existing.containsKey("body") ? existing.get("body").s() : null));
        }
    }

    @Override
    public void complete(String recordKey, StoredResponse response) {
        Map<String, AttributeValue> values = new HashMap<>();
        values.put(":done", AttributeValue.fromS("done"));
        values.put(":status", number(response.status()));
        values.put(":headers", AttributeValue.fromM(response.headers().entrySet().stream()
                .collect(Collectors.toMap(Map.Entry::getKey, h -> AttributeValue.fromS(h.getValue())))));
        String update = "SET #state = :done, #status = :status, headers = :headers";
        if (response.body() != null) {
            update += ", body = :body";
            values.put(":body", AttributeValue.fromS(response.body()));
        }
        String expression = update;
        dynamoDb.updateItem(r -> r.tableName(table).key(Map.of("recordKey", AttributeValue.fromS(recordKey)))
                .updateExpression(expression)
                .expressionAttributeNames(Map.of("#state", "state", "#status", "status"))
                .expressionAttributeValues(values));
    }

    @Override
    public void release(String recordKey) {
        dynamoDb.deleteItem(r -> r.tableName(table).key(Map.of("recordKey", AttributeValue.fromS(recordKey))));
    }

    private static AttributeValue number(long value) {
        return AttributeValue.fromN(Long.toString(value));
    }
}
