package com.penguinmails.sending.placement.internal;

import com.penguinmails.sending.mailboxes.MailboxProvider;
import com.penguinmails.sending.mailboxes.PlacementFolder;
import com.penguinmails.sending.placement.PlacementTest;
import com.penguinmails.sending.placement.PlacementTestStore;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.ConditionalCheckFailedException;

/**
 * One item per test (workspaceId / testId, ids ordered by creation so the newest come first in a query), its copies
 * a map by seed mailbox id. A copy's folder is set once, by a conditional update of that map entry, so two warmup
 * runs reading the same copy cannot disagree. Tests are kept 90 days.
 */
public final class DynamoDbPlacementTestStore implements PlacementTestStore {

    static final Duration KEPT = Duration.ofDays(90);

    private final DynamoDbClient dynamoDb;
    private final String table;

    public DynamoDbPlacementTestStore(DynamoDbClient dynamoDb, String table) {
        this.dynamoDb = dynamoDb;
        this.table = table;
    }

    @Override
    public void create(PlacementTest test) {
        Map<String, AttributeValue> copies = new LinkedHashMap<>();
        for (PlacementTest.SeedCopy copy : test.copies()) {
            Map<String, AttributeValue> entry = new HashMap<>();
            entry.put("address", AttributeValue.fromS(copy.seedAddress()));
            entry.put("provider", AttributeValue.fromS(copy.provider().wireName()));
            copies.put(copy.seedMailboxId(), AttributeValue.fromM(entry));
        }
        Map<String, AttributeValue> item = new HashMap<>(key(test.workspaceId(), test.id()));
        item.put("fromMailboxId", AttributeValue.fromS(test.fromMailboxId()));
        item.put("subject", AttributeValue.fromS(test.subject()));
        item.put("createdAt", AttributeValue.fromS(test.createdAt().toString()));
        item.put("copies", AttributeValue.fromM(copies));
        item.put("expiresAtEpoch", AttributeValue.fromN(Long.toString(test.createdAt().plus(KEPT).getEpochSecond())));
        dynamoDb.putItem(r -> r.tableName(table).item(item).conditionExpression("attribute_not_exists(testId)"));
    }

    @Override
    public Optional<PlacementTest> find(String workspaceId, String testId) {
        Map<String, AttributeValue> item = dynamoDb.getItem(r -> r.tableName(table).key(key(workspaceId, testId)).consistentRead(true)).item();
        return item == null || item.isEmpty() ? Optional.empty() : Optional.of(toTest(item));
    }

    @Override
    public List<PlacementTest> recent(String workspaceId, int limit) {
        return dynamoDb.query(r -> r.tableName(table).keyConditionExpression("workspaceId = :w")
                        .expressionAttributeValues(Map.of(":w", AttributeValue.fromS(workspaceId))).scanIndexForward(false).limit(limit))
                .items().stream().map(DynamoDbPlacementTestStore::toTest).toList();
    }

    @Override
    public boolean recordObserved(String workspaceId, String testId, String seedMailboxId, PlacementFolder folder, Instant observedAt) {
        try {
            dynamoDb.updateItem(r -> r.tableName(table).key(key(workspaceId, testId))
                    .updateExpression("SET copies.#seed.folder = :folder, copies.#seed.observedAt = :at")
                    .conditionExpression("attribute_exists(copies.#seed) AND attribute_not_exists(copies.#seed.folder)")
                    .expressionAttributeNames(Map.of("#seed", seedMailboxId))
                    .expressionAttributeValues(Map.of(":folder", AttributeValue.fromS(folder.wireName()),
                            ":at", AttributeValue.fromS(observedAt.toString()))));
            return true;
        } catch (ConditionalCheckFailedException e) {
            return false;
        }
    }

    @Override
    public void recordSendError(String workspaceId, String testId, String seedMailboxId, String error) {
        String kept = error.length() > 500 ? error.substring(0, 500) : error;
        try {
            dynamoDb.updateItem(r -> r.tableName(table).key(key(workspaceId, testId))
                    .updateExpression("SET copies.#seed.sendError = :error")
                    .conditionExpression("attribute_exists(copies.#seed)")
                    .expressionAttributeNames(Map.of("#seed", seedMailboxId))
                    .expressionAttributeValues(Map.of(":error", AttributeValue.fromS(kept))));
        } catch (ConditionalCheckFailedException e) {
            // no such test or copy: nothing to record it on
        }
    }

    private static Map<String, AttributeValue> key(String workspaceId, String testId) {
        return Map.of("workspaceId", AttributeValue.fromS(workspaceId), "testId", AttributeValue.fromS(testId));
    }

    private static PlacementTest toTest(Map<String, AttributeValue> item) {
        List<PlacementTest.SeedCopy> copies = new ArrayList<>();
        item.get("copies").m().forEach((seedId, value) -> {
            Map<String, AttributeValue> entry = value.m();
            copies.add(new PlacementTest.SeedCopy(seedId, entry.get("address").s(), provider(entry.get("provider").s()),
                    entry.containsKey("folder") ? folder(entry.get("folder").s()) : null,
                    entry.containsKey("observedAt") ? Instant.parse(entry.get("observedAt").s()) : null,
                    entry.containsKey("sendError") ? entry.get("sendError").s() : null));
        });
        copies.sort(Comparator.comparing(PlacementTest.SeedCopy::seedAddress));
        return new PlacementTest(item.get("testId").s(), item.get("workspaceId").s(), item.get("fromMailboxId").s(), item.get("subject").s(),
                Instant.parse(item.get("createdAt").s()), copies);
    }

    private static MailboxProvider provider(String wireName) {
        return Arrays.stream(MailboxProvider.values()).filter(p -> p.wireName().equals(wireName)).findFirst().orElse(MailboxProvider.OTHER);
    }

    private static PlacementFolder folder(String wireName) {
        return Arrays.stream(PlacementFolder.values()).filter(f -> f.wireName().equals(wireName)).findFirst().orElse(PlacementFolder.OTHER);
    }
}
