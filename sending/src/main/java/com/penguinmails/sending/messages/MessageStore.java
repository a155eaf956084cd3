package com.penguinmails.sending.messages;

import com.penguinmails.core.paging.Page;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * Messages and their shared content. Every state change is a single-item conditional write, which is what makes
 * sending at-most-once: only one sender can move a message from QUEUED to SENDING.
 */
public interface MessageStore {

    void putContent(Content content);

    Optional<Content> content(String workspaceId, String contentId);

    void create(Message message);

    /**
     * The accepted recipients of one submission: they share content, campaign, tags, resource, sendAt, status and
     * time, and differ in id, address and variables. Each can be found, claimed and listed like one made with
     * {@link #create}; the DynamoDB store keeps a group of them (see {@link MessageIds}) in one item until each is
     * claimed, which is what a batch of a thousand recipients costs forty writes instead of a thousand.
     */
    default void createAll(List<Message> messages) {
        messages.forEach(this::create);
    }

    Optional<Message> find(String workspaceId, String messageId);

    /**
     * QUEUED, SCHEDULED or DEFERRED → SENDING with a new attempt number; empty when the message is already being
     * sent, was sent, or is gone (a redelivered SQS message then does nothing).
     */
    default Optional<Message> claim(String workspaceId, String messageId, Instant now, Duration lease) {
        return claim(workspaceId, messageId, now, lease, com.penguinmails.core.platform.Ids.randomBase62(22));
    }

    /**
     * The same, recording {@code claimToken} as the claimant: a message already SENDING under this very token is
     * returned as claimed, so trying again with the same token after a call whose outcome is unknown (a store that
     * did not answer) is safe and never turns into "someone else has it".
     */
    Optional<Message> claim(String workspaceId, String messageId, Instant now, Duration lease, String claimToken);

    /** SENDING (this attempt) → SENT; false when another attempt owns the message. */
    boolean markSent(String workspaceId, String messageId, int attempt, String resourceId, String messageIdHeader, Instant now);

    /** SENDING (this attempt) → {@code status} (QUEUED, DEFERRED, FAILED, SUPPRESSED), e.g. no capacity left today. */
    boolean release(String workspaceId, String messageId, int attempt, MessageStatus status, String detail, Instant now);

    /**
     * Applies a delivery event once: the message as it is after the event, or empty when {@code eventId} was applied
     * before (or there is no such message). The status moves to the event's, and the timeline records it.
     */
    default Optional<Message> applyEvent(String workspaceId, String messageId, String eventId, MessageStatus status, String detail,
                                         Instant at) {
        return applyEvent(workspaceId, messageId, eventId, status, detail, at, List.of());
    }

    /**
     * Like {@link #applyEvent(String, String, String, MessageStatus, String, Instant)}, and records {@code marks}
     * with the event in the same write (event ingest notes there which counts stand for it: see EventIngestService).
     * The message comes back from that same write, so whoever publishes what the event did need not read it again.
     */
    Optional<Message> applyEvent(String workspaceId, String messageId, String eventId, MessageStatus status, String detail, Instant at,
                                 List<String> marks);

    /** Whether {@code eventId} was applied to the message, and the marks recorded with it; empty when there is no such message. */
    Optional<AppliedEvent> appliedEvent(String workspaceId, String messageId, String eventId);

    /** What a message knows of one delivery event. */
    record AppliedEvent(boolean applied, List<String> marks) {
        public AppliedEvent {
            marks = List.copyOf(marks);
        }
    }

    Page<Message> list(String workspaceId, String campaignId, MessageStatus status, String afterPosition, int limit);
}
