package com.penguinmails.sending.testing;

import com.penguinmails.core.paging.Page;
import com.penguinmails.sending.messages.Content;
import com.penguinmails.sending.messages.Message;
import com.penguinmails.sending.messages.MessageStatus;
import com.penguinmails.sending.messages.MessageStore;
import com.penguinmails.sending.messages.TimelineEntry;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/** Messages in memory, for what event ingest needs: create, find, and applying events once with their marks. */
public final class InMemoryMessageStore implements MessageStore {

    private record Key(String workspaceId, String messageId) {}

    private final Map<Key, Message> messages = new HashMap<>();
    private final Map<Key, Set<String>> eventIds = new HashMap<>();
    private final Map<Key, Map<String, List<String>>> marks = new HashMap<>();

    @Override
    public synchronized void create(Message message) {
        messages.put(new Key(message.workspaceId(), message.id()), message);
    }

    @Override
    public synchronized Optional<Message> find(String workspaceId, String messageId) {
        return Optional.ofNullable(messages.get(new Key(workspaceId, messageId)));
    }

    @Override
    public synchronized boolean applyEvent(String workspaceId, String messageId, String eventId, MessageStatus status, String detail,
                                           Instant at, List<String> eventMarks) {
        Key key = new Key(workspaceId, messageId);
        Message m = messages.get(key);
        if (m == null || !eventIds.computeIfAbsent(key, k -> new HashSet<>()).add(eventId)) {
            return false;
        }
        List<TimelineEntry> timeline = new ArrayList<>(m.timeline());
        timeline.add(new TimelineEntry(status, at, detail));
        messages.put(key, new Message(m.id(), m.workspaceId(), m.contentId(), m.to(), m.variables(), m.campaignId(), m.tags(), m.pool(),
                m.mailbox(), m.sendAt(), status, timeline, m.attempt(), m.resourceId(), m.messageIdHeader(), m.createdAt()));
        marks.computeIfAbsent(key, k -> new HashMap<>()).put(eventId, List.copyOf(eventMarks));
        return true;
    }

    @Override
    public synchronized Optional<AppliedEvent> appliedEvent(String workspaceId, String messageId, String eventId) {
        Key key = new Key(workspaceId, messageId);
        if (!messages.containsKey(key)) {
            return Optional.empty();
        }
        boolean applied = eventIds.getOrDefault(key, Set.of()).contains(eventId);
        return Optional.of(new AppliedEvent(applied, marks.getOrDefault(key, Map.of()).getOrDefault(eventId, List.of())));
    }

    @Override
    public void putContent(Content content) {
        throw new UnsupportedOperationException("not needed by event ingest");
    }

    @Override
    public Optional<Content> content(String workspaceId, String contentId) {
        throw new UnsupportedOperationException("not needed by event ingest");
    }

    @Override
    public Optional<Message> claim(String workspaceId, String messageId, Instant now, Duration lease, String claimToken) {
        throw new UnsupportedOperationException("not needed by event ingest");
    }

    @Override
    public boolean markSent(String workspaceId, String messageId, int attempt, String resourceId, String messageIdHeader, Instant now) {
        throw new UnsupportedOperationException("not needed by event ingest");
    }

    @Override
    public boolean release(String workspaceId, String messageId, int attempt, MessageStatus status, String detail, Instant now) {
        throw new UnsupportedOperationException("not needed by event ingest");
    }

    @Override
    public Page<Message> list(String workspaceId, String campaignId, MessageStatus status, String afterPosition, int limit) {
        throw new UnsupportedOperationException("not needed by event ingest");
    }
}
