package com.penguinmails.sending.testing;

import com.penguinmails.core.paging.Page;
import com.penguinmails.sending.suppressions.Suppression;
import com.penguinmails.sending.suppressions.SuppressionStore;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Suppressions in memory, keyed as the DynamoDB store keys them ({@code <email>|<scope>} within a workspace): the
 * first suppression of an address and scope stands, listing is in key order and pages by that key.
 */
public final class InMemorySuppressionStore implements SuppressionStore {

    private final Map<String, TreeMap<String, Suppression>> byWorkspace = new HashMap<>();
    private final Map<String, Integer> softBounces = new HashMap<>();

    @Override
    public synchronized boolean add(Suppression s) {
        return entries(s.workspaceId()).putIfAbsent(s.email() + "|" + s.scope(), s) == null;
    }

    @Override
    public synchronized List<Suppression> find(String workspaceId, String email) {
        return List.copyOf(entries(workspaceId).subMap(email + "|", email + "|\uffff").values());
    }

    @Override
    public synchronized boolean remove(String workspaceId, String email, String scope) {
        return entries(workspaceId).remove(email + "|" + scope) != null;
    }

    @Override
    public synchronized Page<Suppression> list(String workspaceId, String afterPosition, int limit) {
        var after = afterPosition == null ? entries(workspaceId) : entries(workspaceId).tailMap(afterPosition, false);
        List<Suppression> items = new ArrayList<>();
        String last = null;
        for (Map.Entry<String, Suppression> entry : after.entrySet()) {
            if (items.size() == limit) {
                return new Page<>(items, last);
            }
            items.add(entry.getValue());
            last = entry.getKey();
        }
        return new Page<>(items, null);
    }

    @Override
    public synchronized int countSoftBounce(String workspaceId, String email) {
        return softBounces.merge(workspaceId + "|" + email, 1, Integer::sum);
    }

    private TreeMap<String, Suppression> entries(String workspaceId) {
        return byWorkspace.computeIfAbsent(workspaceId, ws -> new TreeMap<>());
    }
}
