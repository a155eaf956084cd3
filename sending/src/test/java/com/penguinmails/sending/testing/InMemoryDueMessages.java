package com.penguinmails.sending.testing;

import com.penguinmails.sending.messages.DueMessages;
import com.penguinmails.sending.messages.OutboundQueue;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Due and deferred messages in memory, handed out as the DynamoDB one does: earliest due time first, each taken
 * once (taking removes it), a schedule of the same message at the same time kept once.
 */
public final class InMemoryDueMessages implements DueMessages {

    private record Entry(Instant dueAt, String workspaceId, String messageId) implements Comparable<Entry> {
        @Override
        public int compareTo(Entry o) {
            int byTime = dueAt.compareTo(o.dueAt);
            return byTime != 0 ? byTime : (workspaceId + "#" + messageId).compareTo(o.workspaceId + "#" + o.messageId);
        }
    }

    private final TreeMap<Entry, Boolean> scheduled = new TreeMap<>();
    private final TreeMap<LocalDate, TreeMap<String, OutboundQueue.Ticket>> deferred = new TreeMap<>();

    @Override
    public synchronized void schedule(String workspaceId, String messageId, Instant dueAt) {
        scheduled.put(new Entry(dueAt, workspaceId, messageId), Boolean.TRUE);
    }

    @Override
    public synchronized List<OutboundQueue.Ticket> takeDue(Instant now, int max) {
        List<OutboundQueue.Ticket> due = new ArrayList<>();
        Iterator<Entry> entries = scheduled.keySet().iterator();
        while (entries.hasNext() && due.size() < max) {
            Entry entry = entries.next();
            if (entry.dueAt().isAfter(now)) {
                break;
            }
            due.add(new OutboundQueue.Ticket(entry.workspaceId(), entry.messageId()));
            entries.remove();
        }
        return due;
    }

    @Override
    public synchronized void defer(String workspaceId, String messageId, LocalDate day) {
        deferred.computeIfAbsent(day, d -> new TreeMap<>()).put(workspaceId + "#" + messageId, new OutboundQueue.Ticket(workspaceId, messageId));
    }

    @Override
    public synchronized List<OutboundQueue.Ticket> takeDeferred(LocalDate day, int max) {
        List<OutboundQueue.Ticket> due = new ArrayList<>();
        for (Map.Entry<LocalDate, TreeMap<String, OutboundQueue.Ticket>> bucket : deferred.headMap(day, true).entrySet()) {
            Iterator<OutboundQueue.Ticket> tickets = bucket.getValue().values().iterator();
            while (tickets.hasNext() && due.size() < max) {
                due.add(tickets.next());
                tickets.remove();
            }
        }
        deferred.values().removeIf(Map::isEmpty);
        return due;
    }

    /** Everything still scheduled, earliest first (for assertions). */
    public synchronized List<Instant> scheduledTimes() {
        return scheduled.keySet().stream().map(Entry::dueAt).toList();
    }
}
