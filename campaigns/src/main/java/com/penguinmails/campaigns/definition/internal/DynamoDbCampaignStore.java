package com.penguinmails.campaigns.definition.internal;

import com.penguinmails.campaigns.definition.Campaign;
import com.penguinmails.campaigns.definition.CampaignDefinitions;
import com.penguinmails.campaigns.definition.CampaignStatus;
import com.penguinmails.campaigns.definition.CampaignStore;
import com.penguinmails.core.paging.Page;
import com.penguinmails.core.platform.Json;
import com.penguinmails.core.platform.VersionedItems;
import java.io.UncheckedIOException;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.QueryResponse;

/**
 * One item per campaign (workspaceId / campaignId; ids sort by creation, so newest first is a reverse query): the
 * definition as saved, in JSON, read back through {@link CampaignDefinitions} so there is one reader of it; its
 * status, times and a version every change is conditional on.
 */
public final class DynamoDbCampaignStore implements CampaignStore {

    private final DynamoDbClient dynamoDb;
    private final String table;

    public DynamoDbCampaignStore(DynamoDbClient dynamoDb, String table) {
        this.dynamoDb = dynamoDb;
        this.table = table;
    }

    @Override
    public void create(Campaign campaign) {
        Map<String, AttributeValue> item = item(campaign, 1);
        dynamoDb.putItem(r -> r.tableName(table).item(item).conditionExpression("attribute_not_exists(campaignId)"));
    }

    @Override
    public Optional<Campaign> find(String workspaceId, String campaignId) {
        Map<String, AttributeValue> item = dynamoDb.getItem(r -> r.tableName(table).key(key(workspaceId, campaignId)).consistentRead(true)).item();
        return item == null || item.isEmpty() ? Optional.empty() : Optional.of(toCampaign(item));
    }

    @Override
    public boolean update(Campaign campaign, long expectedVersion) {
        return VersionedItems.put(dynamoDb, table, item(campaign, expectedVersion + 1), "campaignId", expectedVersion);
    }

    @Override
    public Page<Campaign> list(String workspaceId, String afterId, int limit) {
        Map<String, AttributeValue> start = afterId == null ? null : key(workspaceId, afterId);
        QueryResponse response = dynamoDb.query(r -> r.tableName(table).keyConditionExpression("workspaceId = :w")
                .expressionAttributeValues(Map.of(":w", AttributeValue.fromS(workspaceId))).scanIndexForward(false)
                .exclusiveStartKey(start).limit(limit));
        List<Campaign> campaigns = response.items().stream().map(DynamoDbCampaignStore::toCampaign).toList();
        boolean more = response.lastEvaluatedKey() != null && !response.lastEvaluatedKey().isEmpty();
        return new Page<>(campaigns, more && !campaigns.isEmpty() ? campaigns.get(campaigns.size() - 1).id() : null);
    }

    private static Map<String, AttributeValue> item(Campaign campaign, long version) {
        Map<String, AttributeValue> item = new HashMap<>(key(campaign.workspaceId(), campaign.id()));
        try {
            item.put("definition", AttributeValue.fromS(Json.MAPPER.writeValueAsString(campaign.definition())));
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            throw new UncheckedIOException(e);
        }
        item.put("name", AttributeValue.fromS(campaign.name()));
        item.put("status", AttributeValue.fromS(campaign.status().wireName()));
        item.put("createdAt", AttributeValue.fromS(campaign.createdAt().toString()));
        item.put("updatedAt", AttributeValue.fromS(campaign.updatedAt().toString()));
        if (campaign.launchedAt() != null) {
            item.put("launchedAt", AttributeValue.fromS(campaign.launchedAt().toString()));
        }
        item.put("version", AttributeValue.fromN(Long.toString(version)));
        return item;
    }

    private static Map<String, AttributeValue> key(String workspaceId, String campaignId) {
        return Map.of("workspaceId", AttributeValue.fromS(workspaceId), "campaignId", AttributeValue.fromS(campaignId));
    }

    private static Campaign toCampaign(Map<String, AttributeValue> item) {
        Instant createdAt = Instant.parse(item.get("createdAt").s());
        CampaignDefinitions.Reading reading;
        try {
            reading = CampaignDefinitions.readStored(item.get("workspaceId").s(), item.get("campaignId").s(),
                    Json.MAPPER.readTree(item.get("definition").s()), createdAt);
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            throw new UncheckedIOException(e);
        }
        if (!(reading instanceof CampaignDefinitions.Valid valid)) {
            throw new IllegalStateException("stored campaign " + item.get("campaignId").s() + " no longer reads: " + reading);
        }
        Campaign c = valid.campaign();
        return new Campaign(c.id(), c.workspaceId(), c.name(), CampaignStatus.fromWire(item.get("status").s()), c.audience(), c.sending(),
                c.schedule(), c.steps(), c.trackOpens(), c.trackClicks(), c.stopOnAutoReply(), c.definition(), createdAt,
                Instant.parse(item.get("updatedAt").s()), item.containsKey("launchedAt") ? Instant.parse(item.get("launchedAt").s()) : null,
                Long.parseLong(item.get("version").n()));
    }
}
