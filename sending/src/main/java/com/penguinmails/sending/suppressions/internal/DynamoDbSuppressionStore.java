package com.penguinmails.sending.suppressions.internal;

import com.penguinmails.core.paging.Page;
import com.penguinmails.core.platform.TimeOrderedKeys;
import com.penguinmails.sending.suppressions.Suppression;
import com.penguinmails.sending.suppressions.SuppressionAddition;
import com.penguinmails.sending.suppressions.SuppressionStore;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.HashSet;
import java.util.Set;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.ConditionalCheckFailedException;
import software.amazon.awssdk.services.dynamodb.model.QueryResponse;
import software.amazon.awssdk.services.dynamodb.model.ReturnValue;

/**
 * One partition per workspace; sort key {@code <email>|<scope>} so a single begins_with query finds every scope
 * an address is suppressed under. ('|' cannot appear in an address, so a@b.com never matches a@b.com.au.)
 * Soft-bounce counters live beside them under {@code <email>#soft-bounces}, which the listing skips.
 * <p>
 * The record of additions has a partition of its own per workspace, {@code <workspaceId>#added} (workspace ids hold
 * no '#'), so the listing never reads it: sort key {@code <13-digit epoch millis>#<email>|<scope>}, so the additions
 * since a time are one range query, and each entry expires through the table's TTL ({@code expiresAtEpoch}). Entries
 * hold nothing but their keys and expiry, so a query reads about 120 bytes per addition.
 */
public final class DynamoDbSuppressionStore implements SuppressionStore {

    private static final String SOFT_BOUNCES = "#soft-bounces";
    private static final String ADDITIONS = "#added";
    /** After every {@code <email>|<scope>} of an address: scopes are {@code workspace} or {@code campaign:[A-Za-z0-9_.-]+}, all below '~'. */
    private static final String ABOVE_EVERY_SCOPE = "|~";
    /** About 4 KB of entries of about 150 bytes: what one half read unit (an eventually consistent read) covers. */
    private static final int RANGE_PAGE_ITEMS = 25;

    private final DynamoDbClient dynamoDb;
    private final String table;

    public DynamoDbSuppressionStore(DynamoDbClient dynamoDb, String table) {
        this.dynamoDb = dynamoDb;
        this.table = table;
    }

    @Override
    public boolean add(Suppression s) {
        Map<String, AttributeValue> item = new HashMap<>();
        item.put("workspaceId", AttributeValue.fromS(s.workspaceId()));
        item.put("entry", AttributeValue.fromS(s.email() + "|" + s.scope()));
        item.put("email", AttributeValue.fromS(s.email()));
        item.put("scope", AttributeValue.fromS(s.scope()));
        item.put("reason", AttributeValue.fromS(s.reason().name()));
        item.put("source", AttributeValue.fromS(s.source()));
        item.put("createdAt", AttributeValue.fromN(Long.toString(s.createdAt().toEpochMilli())));
        try {
            dynamoDb.putItem(r -> r.tableName(table).item(item).conditionExpression("attribute_not_exists(entry)"));
            return true;
        } catch (ConditionalCheckFailedException e) {
            return false;
        }
    }

    @Override
    public List<Suppression> find(String workspaceId, String email) {
        QueryResponse response = dynamoDb.query(r -> r.tableName(table)
                .keyConditionExpression("workspaceId = :ws AND begins_with(entry, :prefix)")
                .expressionAttributeValues(Map.of(":ws", AttributeValue.fromS(workspaceId), ":prefix", AttributeValue.fromS(email + "|"))));
        return response.items().stream().map(DynamoDbSuppressionStore::toSuppression).toList();
    }

    /**
     * A submission's addresses sorted, and the part of the workspace's list between the first and the last read as
     * one key range, a page of about 4 KB (one half read unit) at a time: a page that reaches past some addresses has
     * told, for each of them, every scope it is suppressed under, so a sparse list (the common case: a few entries
     * among a thousand recipients) costs a page or two instead of a query per address. Once a page reaches past no
     * address (the list is dense there), the rest are looked up one by one, as {@link #find} does: at worst one page
     * more than that. Soft-bounce counters sit in the same range and are skipped.
     */
    @Override
    public Map<String, List<Suppression>> findAll(String workspaceId, Collection<String> emails) {
        List<String> sorted = emails.stream().distinct().sorted(DynamoDbSuppressionStore::compareAsStored).toList();
        Map<String, List<Suppression>> found = new HashMap<>();
        sorted.forEach(email -> found.put(email, new ArrayList<>()));
        Set<String> seen = new HashSet<>();
        int next = 0;
        if (sorted.size() > 1) {
            next = readRange(workspaceId, sorted, found, seen);
        }
        for (String email : sorted.subList(next, sorted.size())) {
            for (Suppression suppression : find(workspaceId, email)) {
                if (seen.add(suppression.email() + "|" + suppression.scope())) {
                    found.get(email).add(suppression);
                }
            }
        }
        return found;
    }

    /** Pages through the range from the first address to the last; returns how many (from the first) it answered for. */
    private int readRange(String workspaceId, List<String> sorted, Map<String, List<Suppression>> found, Set<String> seen) {
        Map<String, AttributeValue> values = Map.of(":ws", AttributeValue.fromS(workspaceId),
                ":first", AttributeValue.fromS(sorted.get(0) + "|"),
                ":last", AttributeValue.fromS(sorted.get(sorted.size() - 1) + ABOVE_EVERY_SCOPE));
        Map<String, AttributeValue> start = null;
        int answered = 0;
        while (true) {
            Map<String, AttributeValue> from = start;
            QueryResponse page = dynamoDb.query(r -> r.tableName(table)
                    .keyConditionExpression("workspaceId = :ws AND entry BETWEEN :first AND :last")
                    .expressionAttributeValues(values).exclusiveStartKey(from).limit(RANGE_PAGE_ITEMS));
            for (Map<String, AttributeValue> item : page.items()) {
                List<Suppression> ofAddress = item.containsKey("reason") ? found.get(item.get("email").s()) : null;
                if (ofAddress != null && seen.add(item.get("entry").s())) {
                    ofAddress.add(toSuppression(item));
                }
            }
            if (!page.hasLastEvaluatedKey() || page.lastEvaluatedKey().isEmpty()) {
                return sorted.size();
            }
            String reached = page.lastEvaluatedKey().get("entry").s();
            int before = answered;
            while (answered < sorted.size() && compareAsStored(sorted.get(answered) + ABOVE_EVERY_SCOPE, reached) < 0) {
                answered++;
            }
            if (answered == before) {
                return answered;
            }
            start = page.lastEvaluatedKey();
        }
    }

    /** DynamoDB orders string keys by their UTF-8 bytes (Java's compareTo differs for characters beyond U+FFFF). */
    private static int compareAsStored(String a, String b) {
        return Arrays.compareUnsigned(a.getBytes(StandardCharsets.UTF_8), b.getBytes(StandardCharsets.UTF_8));
    }

    @Override
    public boolean remove(String workspaceId, String email, String scope) {
        var response = dynamoDb.deleteItem(r -> r.tableName(table)
                .key(Map.of("workspaceId", AttributeValue.fromS(workspaceId), "entry", AttributeValue.fromS(email + "|" + scope)))
                .returnValues(ReturnValue.ALL_OLD));
        return response.hasAttributes() && !response.attributes().isEmpty();
    }

    @Override
    public Page<Suppression> list(String workspaceId, String afterPosition, int limit) {
        var request = software.amazon.awssdk.services.dynamodb.model.QueryRequest.builder().tableName(table)
                .keyConditionExpression("workspaceId = :ws")
                .filterExpression("attribute_exists(reason)")
                .expressionAttributeValues(Map.of(":ws", AttributeValue.fromS(workspaceId)))
                .limit(limit);
        if (afterPosition != null) {
            request.exclusiveStartKey(Map.of("workspaceId", AttributeValue.fromS(workspaceId), "entry", AttributeValue.fromS(afterPosition)));
        }
        QueryResponse response = dynamoDb.query(request.build());
        String next = response.hasLastEvaluatedKey() && !response.lastEvaluatedKey().isEmpty()
                ? response.lastEvaluatedKey().get("entry").s() : null;
        return new Page<>(response.items().stream().map(DynamoDbSuppressionStore::toSuppression).toList(), next);
    }

    @Override
    public int countSoftBounce(String workspaceId, String email) {
        var response = dynamoDb.updateItem(r -> r.tableName(table)
                .key(Map.of("workspaceId", AttributeValue.fromS(workspaceId), "entry", AttributeValue.fromS(email + SOFT_BOUNCES)))
                .updateExpression("ADD softBounces :one")
                .expressionAttributeValues(Map.of(":one", AttributeValue.fromN("1")))
                .returnValues(ReturnValue.UPDATED_NEW));
        return Integer.parseInt(response.attributes().get("softBounces").n());
    }

    @Override
    public void recordAddition(Suppression s, Instant keepUntil) {
        // Unconditional: noting the same suppression again writes the same item.
        dynamoDb.putItem(r -> r.tableName(table).item(Map.of(
                "workspaceId", AttributeValue.fromS(s.workspaceId() + ADDITIONS),
                "entry", AttributeValue.fromS(TimeOrderedKeys.key(s.createdAt(), s.email() + "|" + s.scope())),
                "expiresAtEpoch", AttributeValue.fromN(Long.toString(keepUntil.getEpochSecond())))));
    }

    @Override
    public List<SuppressionAddition> additions(String workspaceId, Instant from, Instant until, int max) {
        Map<String, AttributeValue> values = new HashMap<>();
        values.put(":ws", AttributeValue.fromS(workspaceId + ADDITIONS));
        values.put(":from", AttributeValue.fromS(TimeOrderedKeys.lowest(from)));
        String range = "entry >= :from";
        if (until != null) {
            Instant last = until.minusMillis(1);
            if (last.isBefore(from)) {
                return List.of();
            }
            values.put(":last", AttributeValue.fromS(TimeOrderedKeys.highest(last)));
            range = "entry BETWEEN :from AND :last";
        }
        String keyCondition = "workspaceId = :ws AND " + range;
        QueryResponse response = dynamoDb.query(r -> r.tableName(table).keyConditionExpression(keyCondition)
                .expressionAttributeValues(values).limit(max));
        return response.items().stream().map(item -> {
            String entry = item.get("entry").s();
            int hash = entry.indexOf('#');
            int bar = entry.indexOf('|', hash);
            return new SuppressionAddition(entry.substring(hash + 1, bar), entry.substring(bar + 1),
                    Instant.ofEpochMilli(Long.parseLong(entry.substring(0, hash))));
        }).toList();
    }

    private static Suppression toSuppression(Map<String, AttributeValue> item) {
        return new Suppression(item.get("workspaceId").s(), item.get("email").s(), item.get("scope").s(),
                Suppression.Reason.valueOf(item.get("reason").s()), item.get("source").s(),
                Instant.ofEpochMilli(Long.parseLong(item.get("createdAt").n())));
    }
}
