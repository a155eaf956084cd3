package com.penguinmails.sending.delivery;

import com.penguinmails.core.paging.Page;
import com.penguinmails.sending.messages.Content;
import com.penguinmails.sending.messages.Message;
import com.penguinmails.sending.messages.MessageStatus;
import com.penguinmails.sending.messages.MessageStore;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/** A message store that passes every call on, for test wrappers to override one. */
class ForwardingMessageStore implements MessageStore {

    private final MessageStore delegate;

    ForwardingMessageStore(MessageStore delegate) {
        this.delegate = delegate;
    }

    @Override
    public void putContent(Content content) {
        delegate.putContent(content);
    }

    @Override
    public Optional<Content> content(String workspaceId, String contentId) {
        return delegate.content(workspaceId, contentId);
    }

    @Override
    public void create(Message message) {
        delegate.create(message);
    }

    @Override
    public Optional<Message> find(String workspaceId, String messageId) {
        return delegate.find(workspaceId, messageId);
    }

    @Override
    public Optional<Message> claim(String workspaceId, String messageId, Instant now, Duration lease, String claimToken) {
        return delegate.claim(workspaceId, messageId, now, lease, claimToken);
    }

    @Override
    public boolean markSent(String workspaceId, String messageId, int attempt, String resourceId, String messageIdHeader, Instant now) {
        return delegate.markSent(workspaceId, messageId, attempt, resourceId, messageIdHeader, now);
    }

    @Override
    public boolean release(String workspaceId, String messageId, int attempt, MessageStatus status, String detail, Instant now) {
        return delegate.release(workspaceId, messageId, attempt, status, detail, now);
    }

    @Override
    public Optional<Message> applyEvent(String workspaceId, String messageId, String eventId, MessageStatus status, String detail, Instant at,
                              List<String> marks) {
        return delegate.applyEvent(workspaceId, messageId, eventId, status, detail, at, marks);
    }

    @Override
    public Optional<AppliedEvent> appliedEvent(String workspaceId, String messageId, String eventId) {
        return delegate.appliedEvent(workspaceId, messageId, eventId);
    }

    @Override
    public Page<Message> list(String workspaceId, String campaignId, MessageStatus status, String afterPosition, int limit) {
        return delegate.list(workspaceId, campaignId, status, afterPosition, limit);
    }
}
