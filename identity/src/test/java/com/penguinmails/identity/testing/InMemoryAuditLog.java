package com.penguinmails.identity.testing;

import com.penguinmails.core.paging.Page;
import com.penguinmails.identity.audit.AuditEvent;
import com.penguinmails.identity.audit.AuditLog;
import com.penguinmails.identity.audit.AuditQuery;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.NavigableMap;
import java.util.TreeMap;

/**
 * The audit log in memory: append-only (an id written again is a no-op), read newest first within a time range,
 * actor and action filtered, paged by the same positions as the DynamoDB log ({@code <13-digit millis>#<id>}).
 */
public final class InMemoryAuditLog implements AuditLog {

    private final Map<String, TreeMap<String, AuditEvent>> byWorkspace = new HashMap<>();

    @Override
    public synchronized void append(AuditEvent event) {
        byWorkspace.computeIfAbsent(event.workspaceId(), ws -> new TreeMap<>()).putIfAbsent(position(event), event);
    }

    @Override
    public synchronized Page<AuditEvent> query(AuditQuery query) {
        NavigableMap<String, AuditEvent> newestFirst = byWorkspace.getOrDefault(query.workspaceId(), new TreeMap<>()).descendingMap();
        if (query.afterPosition() != null) {
            newestFirst = newestFirst.tailMap(query.afterPosition(), false);
        }
        List<AuditEvent> items = new ArrayList<>();
        String last = null;
        for (Map.Entry<String, AuditEvent> entry : newestFirst.entrySet()) {
            AuditEvent e = entry.getValue();
            if (query.to() != null && e.occurredAt().toEpochMilli() > query.to().toEpochMilli()
                    || query.from() != null && e.occurredAt().toEpochMilli() < query.from().toEpochMilli()
                    || query.actor() != null && !query.actor().equals(e.actor())
                    || query.action() != null && !query.action().equals(e.action())) {
                continue;
            }
            if (items.size() == query.limit()) {
                return new Page<>(items, last);
            }
            items.add(e);
            last = entry.getKey();
        }
        return new Page<>(items, null);
    }

    private static String position(AuditEvent event) {
        return String.format("%013d", Math.max(0, event.occurredAt().toEpochMilli())) + "#" + event.id();
    }
}
