package com.penguinmails.eventlog;

import com.penguinmails.core.events.PlatformEvent;
import com.penguinmails.core.paging.Page;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.stream.Collectors;

/**
 * The event log in memory, for fast service tests: each call's events of a workspace are one pack, known by its
 * events' positions (workspace, time millis, id), so the same batch again is found written; a listing shows each
 * position once. Cursors are bare positions (the form before packs). {@link #failPacksHolding} makes writes fail.
 */
final class InMemoryEventLogStore implements EventLogStore {

    record Stored(PlatformEvent event, Instant expiresAt) {}

    private final Map<String, List<Stored>> packs = new LinkedHashMap<>();
    private final Set<String> failingEventIds = new HashSet<>();
    int appends;

    @Override
    public synchronized List<PackWrite> appendAll(List<Entry> entries) {
        appends += entries.size();
        Map<String, List<Entry>> byWorkspace = entries.stream()
                .collect(Collectors.groupingBy(e -> e.event().workspaceId(), LinkedHashMap::new, Collectors.toList()));
        List<PackWrite> writes = new ArrayList<>();
        for (List<Entry> pack : byWorkspace.values()) {
            List<PlatformEvent> events = pack.stream().map(Entry::event).toList();
            String key = pack.stream().map(e -> key(e.event())).sorted().collect(Collectors.joining(" "));
            if (events.stream().anyMatch(e -> failingEventIds.contains(e.id()))) {
                writes.add(new PackWrite(events, PackState.FAILED, new IllegalStateException("the store is failing this pack")));
            } else if (packs.putIfAbsent(key, pack.stream().map(e -> new Stored(e.event(), e.expiresAt())).toList()) == null) {
                writes.add(new PackWrite(events, PackState.WRITTEN, null));
            } else {
                writes.add(new PackWrite(events, PackState.ALREADY_THERE, null));
            }
        }
        return writes;
    }

    @Override
    public synchronized Page<PlatformEvent> query(EventQuery query, Instant now) {
        String after = query.afterPosition() == null ? null : EventLogCursor.parse(query.afterPosition()).position();
        TreeMap<String, PlatformEvent> matching = new TreeMap<>(Comparator.reverseOrder());
        packs.values().stream().flatMap(List::stream)
                .filter(s -> s.event().workspaceId().equals(query.workspaceId()))
                .filter(s -> s.expiresAt().isAfter(now))
                .filter(s -> query.matches(s.event()))
                .filter(s -> after == null || position(s.event()).compareTo(after) < 0)
                .forEach(s -> matching.putIfAbsent(position(s.event()), s.event()));
        List<PlatformEvent> page = matching.values().stream().limit(query.limit()).toList();
        return new Page<>(page, matching.size() > query.limit() ? position(page.get(page.size() - 1)) : null);
    }

    /** From now on, a pack holding an event of this id fails to be written. */
    synchronized void failPacksHolding(String eventId) {
        failingEventIds.add(eventId);
    }

    /** The event as stored (its first copy). */
    synchronized Stored stored(PlatformEvent event) {
        return packs.values().stream().flatMap(List::stream).filter(s -> key(s.event()).equals(key(event))).findFirst().orElse(null);
    }

    /** Events stored, each once. */
    synchronized int size() {
        return (int) packs.values().stream().flatMap(List::stream).map(s -> key(s.event())).distinct().count();
    }

    /** Packs stored. */
    synchronized int packs() {
        return packs.size();
    }

    private static String key(PlatformEvent event) {
        return event.workspaceId() + "|" + position(event);
    }

    private static String position(PlatformEvent event) {
        return String.format("%013d#%s", event.time().toEpochMilli(), event.id());
    }
}
