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
import java.util.TreeMap;

/**
 * Messages and content in memory with the DynamoDB store's single-item conditions: a claim moves QUEUED, SCHEDULED
 * or DEFERRED to SENDING and counts the attempt (a repeat under the same token is the same claim), only the owning
 * attempt may mark it sent or release it, an event applies once with its marks. Listing is newest first (message
 * ids sort by time) and pages by message id.
 */
public final class InMemoryMessageStore implements MessageStore {

    private record Key(String workspaceId, String messageId) {}

    private final Map<String, TreeMap<String, Message>> byWorkspace = new HashMap<>();
    private final Map<Key, Content> contents = new HashMap<>();
    private final Map<Key, String> claimTokens = new HashMap<>();
    private final Map<Key, Set<String>> eventIds = new HashMap<>();
    private final Map<Key, Map<String, List<String>>> marks = new HashMap<>();

    @Override
    public synchronized void putContent(Content content) {
        contents.put(new Key(content.workspaceId(), content.id()), content);
    }

    @Override
    public synchronized Optional<Content> content(String workspaceId, String contentId) {
        return Optional.ofNullable(contents.get(new Key(workspaceId, contentId)));
    }

    @Override
    public synchronized void create(Message message) {
        if (messages(message.workspaceId()).putIfAbsent(message.id(), message) != null) {
            throw new IllegalStateException("message " + message.id() + " exists");
        }
    }

    @Override
    public synchronized Optional<Message> find(String workspaceId, String messageId) {
        return Optional.ofNullable(messages(workspaceId).get(messageId));
    }

    @Override
    public synchronized Optional<Message> claim(String workspaceId, String messageId, Instant now, Duration lease, String claimToken) {
        Key key = new Key(workspaceId, messageId);
        Message m = messages(workspaceId).get(messageId);
        if (m == null) {
            return Optional.empty();
        }
        if (m.status() == MessageStatus.SENDING) {
            return claimToken.equals(claimTokens.get(key)) ? Optional.of(m) : Optional.empty();
        }
        if (m.status() != MessageStatus.QUEUED && m.status() != MessageStatus.SCHEDULED && m.status() != MessageStatus.DEFERRED) {
            return Optional.empty();
        }
        Message claimed = with(m, MessageStatus.SENDING, new TimelineEntry(MessageStatus.SENDING, now, null), m.attempt() + 1,
                m.resourceId(), m.messageIdHeader());
        put(claimed);
        claimTokens.put(key, claimToken);
        return Optional.of(claimed);
    }

    @Override
    public synchronized boolean markSent(String workspaceId, String messageId, int attempt, String resourceId, String messageIdHeader,
                                         Instant now) {
        Message m = owned(workspaceId, messageId, attempt);
        if (m == null) {
            return false;
        }
        put(with(m, MessageStatus.SENT, new TimelineEntry(MessageStatus.SENT, now, "via " + resourceId), m.attempt(), resourceId,
                messageIdHeader));
        claimTokens.remove(new Key(workspaceId, messageId));
        return true;
    }

    @Override
    public synchronized boolean release(String workspaceId, String messageId, int attempt, MessageStatus status, String detail,
                                        Instant now) {
        Message m = owned(workspaceId, messageId, attempt);
        if (m == null) {
            return false;
        }
        put(with(m, status, new TimelineEntry(status, now, detail), m.attempt(), m.resourceId(), m.messageIdHeader()));
        claimTokens.remove(new Key(workspaceId, messageId));
        return true;
    }

    @Override
    public synchronized Optional<Message> applyEvent(String workspaceId, String messageId, String eventId, MessageStatus status,
                                                     String detail, Instant at, List<String> eventMarks) {
        Key key = new Key(workspaceId, messageId);
        Message m = messages(workspaceId).get(messageId);
        if (m == null || !eventIds.computeIfAbsent(key, k -> new HashSet<>()).add(eventId)) {
            return Optional.empty();
        }
        Message after = with(m, status, new TimelineEntry(status, at, detail), m.attempt(), m.resourceId(), m.messageIdHeader());
        put(after);
        marks.computeIfAbsent(key, k -> new HashMap<>()).put(eventId, List.copyOf(eventMarks));
        return Optional.of(after);
    }

    @Override
    public synchronized Optional<AppliedEvent> appliedEvent(String workspaceId, String messageId, String eventId) {
        Key key = new Key(workspaceId, messageId);
        if (!messages(workspaceId).containsKey(messageId)) {
            return Optional.empty();
        }
        boolean applied = eventIds.getOrDefault(key, Set.of()).contains(eventId);
        return Optional.of(new AppliedEvent(applied, marks.getOrDefault(key, Map.of()).getOrDefault(eventId, List.of())));
    }

    @Override
    public synchronized Page<Message> list(String workspaceId, String campaignId, MessageStatus status, String afterPosition, int limit) {
        var newestFirst = messages(workspaceId).descendingMap();
        var after = afterPosition == null ? newestFirst : newestFirst.tailMap(afterPosition, false);
        List<Message> items = new ArrayList<>();
        String last = null;
        for (Message m : after.values()) {
            if (campaignId != null && !campaignId.equals(m.campaignId()) || status != null && status != m.status()) {
                continue;
            }
            if (items.size() == limit) {
                return new Page<>(items, last);
            }
            items.add(m);
            last = m.id();
        }
        return new Page<>(items, null);
    }

    private Message owned(String workspaceId, String messageId, int attempt) {
        Message m = messages(workspaceId).get(messageId);
        return m != null && m.status() == MessageStatus.SENDING && m.attempt() == attempt ? m : null;
    }

    private void put(Message m) {
        messages(m.workspaceId()).put(m.id(), m);
    }

    private TreeMap<String, Message> messages(String workspaceId) {
        return byWorkspace.computeIfAbsent(workspaceId, ws -> new TreeMap<>());
    }

    private static Message with(Message m, MessageStatus status, TimelineEntry entry, int attempt, String resourceId, String messageIdHeader) {
        List<TimelineEntry> timeline = new ArrayList<>(m.timeline());
        timeline.add(entry);
        return new Message(m.id(), m.workspaceId(), m.contentId(), m.to(), m.variables(), m.campaignId(), m.tags(), m.pool(), m.mailbox(),
                m.sendAt(), status, timeline, attempt, resourceId, messageIdHeader, m.createdAt());
    }
}
