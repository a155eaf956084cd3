package com.penguinmails.sending.testing;

import com.penguinmails.core.paging.Page;
import com.penguinmails.core.platform.TimeOrderedKeys;
import com.penguinmails.sending.suppressions.Suppression;
import com.penguinmails.sending.suppressions.SuppressionAddition;
import com.penguinmails.sending.suppressions.SuppressionStore;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
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
    /** Per workspace, the record of additions by {@code <epoch millis>#<email>|<scope>}, as DynamoDB sorts it. */
    private final Map<String, TreeMap<String, SuppressionAddition>> additions = new HashMap<>();

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

    @Override
    public synchronized void recordAddition(Suppression s, Instant keepUntil) {
        Instant at = s.createdAt().truncatedTo(ChronoUnit.MILLIS);
        additions.computeIfAbsent(s.workspaceId(), ws -> new TreeMap<>())
                .put(TimeOrderedKeys.key(at, s.email() + "|" + s.scope()), new SuppressionAddition(s.email(), s.scope(), at));
    }

    @Override
    public synchronized List<SuppressionAddition> additions(String workspaceId, Instant from, Instant until, int max) {
        if (until != null && !until.isAfter(from)) {
            return List.of();
        }
        String upper = until == null ? "~" : TimeOrderedKeys.lowest(until);
        return additions.getOrDefault(workspaceId, new TreeMap<>()).subMap(TimeOrderedKeys.lowest(from), upper).values().stream()
                .limit(max).toList();
    }

    private TreeMap<String, Suppression> entries(String workspaceId) {
        return byWorkspace.computeIfAbsent(workspaceId, ws -> new TreeMap<>());
    }
}
