package com.penguinmails.analytics.funnel;

import com.penguinmails.core.paging.Page;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Reads a campaign's funnel ({@code GET /v1/analytics/funnel}).
 *
 * <p>Totals are counted from the campaign's entries on every read rather than kept in a totals item the writer
 * updates: a totals item would be one more write per stage move (the writer's cost is per event, every event,
 * forever; reads happen when a person looks), and keeping it exact under partial failure needs both writes in a
 * transaction (twice the write units). Reading the partition instead costs 0.5 read units per 4 KB (eventually
 * consistent): at about 200 bytes an entry, 25 read units per 1,000 contacts, per look. For campaigns of millions of
 * contacts looked at often, a totals item kept by the writer is the change to make.
 */
public final class FunnelService {

    private final FunnelStore store;

    public FunnelService(FunnelStore store) {
        this.store = store;
    }

    /** An unknown campaign (or another workspace's) is an empty funnel: the partition key carries the workspace. */
    public FunnelReport funnel(String workspaceId, String campaignId, String afterContact, int limit) {
        List<FunnelContact> all = store.all(workspaceId, campaignId);
        long[] furthest = new long[FunnelStage.values().length];
        Map<String, long[]> byChannel = new TreeMap<>();
        for (FunnelContact contact : all) {
            contact.stage().ifPresent(stage -> furthest[stage.ordinal()]++);
            contact.channels().forEach((channel, progress) ->
                    byChannel.computeIfAbsent(channel, c -> new long[FunnelStage.values().length])[progress.stage().ordinal()]++);
        }
        Map<String, FunnelCounts> channels = new TreeMap<>();
        byChannel.forEach((channel, counts) -> channels.put(channel, FunnelCounts.ofFurthest(counts)));
        Page<FunnelContact> page = store.page(workspaceId, campaignId, afterContact, limit);
        return new FunnelReport(campaignId, FunnelCounts.ofFurthest(furthest), channels, page);
    }
}
