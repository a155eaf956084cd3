package com.penguinmails.sending.messages;

import java.time.Instant;
import java.util.List;

/**
 * Messages waiting for a time: scheduled with {@code sendAt}, or deferred because their resource had no capacity
 * left today. {@link #takeDue} hands back those whose time has come, and forgets them.
 */
public interface DueMessages {

    void schedule(String workspaceId, String messageId, Instant dueAt);

    /** Up to {@code max} tickets due at or before {@code now}, removed from the schedule. */
    List<OutboundQueue.Ticket> takeDue(Instant now, int max);

    /** Parks a message whose resource had no capacity left until the warmup run of {@code day} opens new caps. */
    void defer(String workspaceId, String messageId, java.time.LocalDate day);

    /** Up to {@code max} tickets deferred to {@code day} or earlier, removed; the daily warmup run calls this. */
    List<OutboundQueue.Ticket> takeDeferred(java.time.LocalDate day, int max);
}
