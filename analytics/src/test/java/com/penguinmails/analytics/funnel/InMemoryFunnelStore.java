package com.penguinmails.analytics.funnel;

import com.penguinmails.core.paging.Page;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/** The funnel store in a map, with its versions checked like the table's conditions; counts writes. */
final class InMemoryFunnelStore implements FunnelStore {

    private final Map<FunnelKey, FunnelContact> entries = new HashMap<>();
    int writes;
    /** Writes the next save makes behind the caller's back, as another writer would. */
    int interferences;

    @Override
    public synchronized Map<FunnelKey, FunnelContact> load(Collection<FunnelKey> keys) {
        Map<FunnelKey, FunnelContact> found = new HashMap<>();
        keys.forEach(key -> {
            if (entries.containsKey(key)) {
                found.put(key, entries.get(key));
            }
        });
        return found;
    }

    @Override
    public synchronized boolean save(FunnelContact contact) {
        FunnelContact stored = entries.get(contact.key());
        if (interferences > 0) {
            interferences--;
            FunnelContact other = (stored == null ? FunnelContact.empty(contact.key()) : stored);
            entries.put(contact.key(), other.atVersion(other.version() + 1));
            return false;
        }
        long storedVersion = stored == null ? 0 : stored.version();
        if (storedVersion != contact.version()) {
            return false;
        }
        writes++;
        entries.put(contact.key(), contact.atVersion(contact.version() + 1));
        return true;
    }

    @Override
    public synchronized List<FunnelContact> all(String workspaceId, String campaignId) {
        return sorted(workspaceId, campaignId).values().stream().toList();
    }

    @Override
    public synchronized Page<FunnelContact> page(String workspaceId, String campaignId, String afterContact, int limit) {
        List<FunnelContact> after = sorted(workspaceId, campaignId).values().stream()
                .filter(c -> afterContact == null || c.contact().compareTo(afterContact) > 0).toList();
        List<FunnelContact> shown = after.subList(0, Math.min(limit, after.size()));
        return new Page<>(shown, after.size() > limit ? shown.get(limit - 1).contact() : null);
    }

    private TreeMap<String, FunnelContact> sorted(String workspaceId, String campaignId) {
        TreeMap<String, FunnelContact> sorted = new TreeMap<>();
        entries.values().stream().filter(c -> c.workspaceId().equals(workspaceId) && c.campaignId().equals(campaignId))
                .forEach(c -> sorted.put(c.contact(), c));
        return sorted;
    }
}
