package com.penguinmails.campaigns.testing;

import com.penguinmails.campaigns.definition.Campaign;
import com.penguinmails.campaigns.definition.CampaignStore;
import com.penguinmails.core.paging.Page;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/** Campaigns in a map, with the DynamoDB store's version check. */
public final class InMemoryCampaignStore implements CampaignStore {

    private final Map<String, Campaign> campaigns = new ConcurrentHashMap<>();

    @Override
    public void create(Campaign campaign) {
        if (campaigns.putIfAbsent(campaign.workspaceId() + "#" + campaign.id(), campaign.withVersion(1)) != null) {
            throw new IllegalStateException("exists");
        }
    }

    @Override
    public Optional<Campaign> find(String workspaceId, String campaignId) {
        return Optional.ofNullable(campaigns.get(workspaceId + "#" + campaignId));
    }

    @Override
    public synchronized boolean update(Campaign campaign, long expectedVersion) {
        Campaign stored = campaigns.get(campaign.workspaceId() + "#" + campaign.id());
        if (stored == null || stored.version() != expectedVersion) {
            return false;
        }
        campaigns.put(campaign.workspaceId() + "#" + campaign.id(), campaign.withVersion(expectedVersion + 1));
        return true;
    }

    @Override
    public Page<Campaign> list(String workspaceId, String afterId, int limit) {
        List<Campaign> all = campaigns.values().stream().filter(c -> c.workspaceId().equals(workspaceId))
                .sorted(Comparator.comparing(Campaign::id).reversed()).limit(limit).toList();
        return new Page<>(all, null);
    }
}
