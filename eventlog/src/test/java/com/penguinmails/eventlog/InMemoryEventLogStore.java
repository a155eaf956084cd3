package com.penguinmails.eventlog;

import com.penguinmails.core.events.PlatformEvent;
import com.penguinmails.core.paging.Page;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;

/** The event log in memory, keyed as the DynamoDB store keys it (workspace, time millis, id), for fast service tests. */
final class InMemoryEventLogStore implements EventLogStore {

    record Stored(PlatformEvent event, Instant expiresAt) {}

    private final Map<String, Stored> items = new TreeMap<>();
    int appends;

    @Override
    public synchronized boolean append(PlatformEvent event, Instant expiresAt) {
        appends++;
        return items.putIfAbsent(key(event), new Stored(event, expiresAt)) == null;
    }

    @Override
    public synchronized Page<PlatformEvent> query(EventQuery query, Instant now) {
        List<Stored> matching = items.values().stream()
                .filter(s -> s.event().workspaceId().equals(query.workspaceId()))
                .filter(s -> s.expiresAt().isAfter(now))
                .filter(s -> query.types().isEmpty() || query.types().contains(s.event().type()))
                .filter(s -> query.subject() == null || query.subject().equals(s.event().subject()))
                .filter(s -> query.recipient() == null || query.recipient().toLowerCase(Locale.ROOT).equals(EventLogService.recipientOf(s.event())))
                .filter(s -> query.campaignId() == null || query.campaignId().equals(EventLogService.campaignIdOf(s.event())))
                .filter(s -> query.from() == null || !s.event().time().isBefore(query.from()))
                .filter(s -> query.to() == null || !s.event().time().isAfter(query.to()))
                .filter(s -> query.afterPosition() == null || position(s.event()).compareTo(query.afterPosition()) < 0)
                .sorted(Comparator.comparing((Stored s) -> position(s.event())).reversed())
                .toList();
        List<PlatformEvent> page = new ArrayList<>(matching.stream().limit(query.limit()).map(Stored::event).toList());
        return new Page<>(page, matching.size() > query.limit() ? position(page.get(page.size() - 1)) : null);
    }

    synchronized Stored stored(PlatformEvent event) {
        return items.get(key(event));
    }

    synchronized int size() {
        return items.size();
    }

    private static String key(PlatformEvent event) {
        return event.workspaceId() + "|" + position(event);
    }

    private static String position(PlatformEvent event) {
        return String.format("%013d#%s", event.time().toEpochMilli(), event.id());
    }
}
