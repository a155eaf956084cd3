package com.penguinmails.analytics.funnel.internal;

import com.penguinmails.analytics.funnel.ChannelProgress;
import com.penguinmails.analytics.funnel.FunnelContact;
import com.penguinmails.analytics.funnel.FunnelKey;
import com.penguinmails.analytics.funnel.FunnelStage;
import com.penguinmails.analytics.funnel.FunnelStore;
import com.penguinmails.core.paging.Page;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.BatchGetItemResponse;
import software.amazon.awssdk.services.dynamodb.model.ConditionalCheckFailedException;
import software.amazon.awssdk.services.dynamodb.model.KeysAndAttributes;
import software.amazon.awssdk.services.dynamodb.model.QueryRequest;
import software.amazon.awssdk.services.dynamodb.model.QueryResponse;

/**
 * The {@code funnel} table: partition {@code campaignKey} = {@code <workspaceId>#<campaignId>}, sort key
 * {@code contact}; per item the overall {@code stage}, a {@code version} every write is conditional on, and
 * {@code channels}, a map of channel to {@code {stage, reachedAt, engagedAt, repliedAt, meetingAt}} (epoch millis,
 * only the stages reached). A campaign's entries are one partition, so its funnel is one query.
 */
public final class DynamoDbFunnelStore implements FunnelStore {

    /** BatchGetItem takes at most 100 keys a request. */
    private static final int GET_BATCH = 100;

    private final DynamoDbClient dynamoDb;
    private final String table;

    public DynamoDbFunnelStore(DynamoDbClient dynamoDb, String table) {
        this.dynamoDb = dynamoDb;
        this.table = table;
    }

    static String campaignKey(String workspaceId, String campaignId) {
        return workspaceId + "#" + campaignId;
    }

    @Override
    public Map<FunnelKey, FunnelContact> load(Collection<FunnelKey> keys) {
        Map<FunnelKey, FunnelContact> found = new HashMap<>();
        List<FunnelKey> all = new ArrayList<>(keys);
        for (int from = 0; from < all.size(); from += GET_BATCH) {
            List<Map<String, AttributeValue>> batch = new ArrayList<>();
            for (FunnelKey key : all.subList(from, Math.min(all.size(), from + GET_BATCH))) {
                batch.add(Map.of("campaignKey", AttributeValue.fromS(campaignKey(key.workspaceId(), key.campaignId())),
                        "contact", AttributeValue.fromS(key.contact())));
            }
            Map<String, KeysAndAttributes> request = Map.of(table, KeysAndAttributes.builder().keys(batch).consistentRead(true).build());
            while (!request.isEmpty()) {
                Map<String, KeysAndAttributes> asked = request;
                BatchGetItemResponse response = dynamoDb.batchGetItem(r -> r.requestItems(asked));
                response.responses().getOrDefault(table, List.of()).forEach(item -> {
                    FunnelContact contact = contact(item);
                    found.put(contact.key(), contact);
                });
                request = response.hasUnprocessedKeys() ? response.unprocessedKeys() : Map.of();
            }
        }
        return found;
    }

    @Override
    public boolean save(FunnelContact contact) {
        Map<String, AttributeValue> item = new HashMap<>();
        item.put("campaignKey", AttributeValue.fromS(campaignKey(contact.workspaceId(), contact.campaignId())));
        item.put("contact", AttributeValue.fromS(contact.contact()));
        item.put("version", AttributeValue.fromN(Long.toString(contact.version() + 1)));
        contact.stage().ifPresent(stage -> item.put("stage", AttributeValue.fromS(stage.wireName())));
        Map<String, AttributeValue> channels = new LinkedHashMap<>();
        contact.channels().forEach((channel, progress) -> {
            Map<String, AttributeValue> entry = new LinkedHashMap<>();
            entry.put("stage", AttributeValue.fromS(progress.stage().wireName()));
            progress.firstAt().forEach((stage, at) -> entry.put(stage.wireName() + "At", AttributeValue.fromN(Long.toString(at.toEpochMilli()))));
            channels.put(channel, AttributeValue.fromM(entry));
        });
        item.put("channels", AttributeValue.fromM(channels));
        try {
            if (contact.version() == 0) {
                dynamoDb.putItem(r -> r.tableName(table).item(item).conditionExpression("attribute_not_exists(contact)"));
            } else {
                dynamoDb.putItem(r -> r.tableName(table).item(item).conditionExpression("version = :read")
                        .expressionAttributeValues(Map.of(":read", AttributeValue.fromN(Long.toString(contact.version())))));
            }
            return true;
        } catch (ConditionalCheckFailedException e) {
            return false;
        }
    }

    @Override
    public List<FunnelContact> all(String workspaceId, String campaignId) {
        List<FunnelContact> contacts = new ArrayList<>();
        Map<String, AttributeValue> start = null;
        do {
            Map<String, AttributeValue> from = start;
            QueryResponse response = dynamoDb.query(query(workspaceId, campaignId).exclusiveStartKey(from).build());
            response.items().forEach(item -> contacts.add(contact(item)));
            start = response.hasLastEvaluatedKey() && !response.lastEvaluatedKey().isEmpty() ? response.lastEvaluatedKey() : null;
        } while (start != null);
        return contacts;
    }

    @Override
    public Page<FunnelContact> page(String workspaceId, String campaignId, String afterContact, int limit) {
        QueryRequest.Builder request = query(workspaceId, campaignId).limit(limit + 1);
        if (afterContact != null) {
            request.exclusiveStartKey(Map.of("campaignKey", AttributeValue.fromS(campaignKey(workspaceId, campaignId)),
                    "contact", AttributeValue.fromS(afterContact)));
        }
        List<FunnelContact> items = new ArrayList<>();
        dynamoDb.query(request.build()).items().forEach(item -> items.add(contact(item)));
        // One more than asked for tells whether there is a next page without an empty last one.
        if (items.size() > limit) {
            List<FunnelContact> shown = items.subList(0, limit);
            return new Page<>(List.copyOf(shown), shown.get(limit - 1).contact());
        }
        return new Page<>(items, null);
    }

    private QueryRequest.Builder query(String workspaceId, String campaignId) {
        return QueryRequest.builder().tableName(table).keyConditionExpression("campaignKey = :k")
                .expressionAttributeValues(Map.of(":k", AttributeValue.fromS(campaignKey(workspaceId, campaignId))));
    }

    private static FunnelContact contact(Map<String, AttributeValue> item) {
        String campaignKey = item.get("campaignKey").s();
        int hash = campaignKey.indexOf('#');
        Map<String, ChannelProgress> channels = new LinkedHashMap<>();
        item.getOrDefault("channels", AttributeValue.fromM(Map.of())).m().forEach((channel, value) -> {
            Map<String, AttributeValue> entry = value.m();
            Map<FunnelStage, Instant> firstAt = new EnumMap<>(FunnelStage.class);
            for (FunnelStage stage : FunnelStage.values()) {
                AttributeValue at = entry.get(stage.wireName() + "At");
                if (at != null) {
                    firstAt.put(stage, Instant.ofEpochMilli(Long.parseLong(at.n())));
                }
            }
            channels.put(channel, new ChannelProgress(FunnelStage.fromWireName(entry.get("stage").s()), firstAt));
        });
        return new FunnelContact(campaignKey.substring(0, hash), campaignKey.substring(hash + 1), item.get("contact").s(), channels,
                Long.parseLong(item.get("version").n()));
    }
}
