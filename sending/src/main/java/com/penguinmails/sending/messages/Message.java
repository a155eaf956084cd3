package com.penguinmails.sending.messages;

import java.time.Instant;
import java.util.List;
import java.util.Map;

/**
 * One email to one recipient. {@code pool} or {@code mailbox} says which sending resource may carry it;
 * {@code resourceId} is the IP or mailbox that did. {@code attempt} grows with every claim so a stale sender
 * can never overwrite a newer one's result.
 */
public record Message(String id, String workspaceId, String contentId, String to, Map<String, String> variables,
                      String campaignId, List<String> tags, String pool, String mailbox, Instant sendAt,
                      MessageStatus status, List<TimelineEntry> timeline, int attempt, String resourceId,
                      String messageIdHeader, Instant createdAt) {

    public Message {
        variables = variables == null ? Map.of() : Map.copyOf(variables);
        tags = tags == null ? List.of() : List.copyOf(tags);
        timeline = timeline == null ? List.of() : List.copyOf(timeline);
    }
}
