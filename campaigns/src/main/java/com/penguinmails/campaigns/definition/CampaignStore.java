package com.penguinmails.campaigns.definition;

import com.penguinmails.core.paging.Page;
import java.util.Optional;

/** Where campaigns are kept, one partition per workspace. */
public interface CampaignStore {

    void create(Campaign campaign);

    Optional<Campaign> find(String workspaceId, String campaignId);

    /** Writes {@code campaign} (its status and times) if the stored one still has {@code expectedVersion}. */
    boolean update(Campaign campaign, long expectedVersion);

    /** Newest first. */
    Page<Campaign> list(String workspaceId, String afterId, int limit);
}
