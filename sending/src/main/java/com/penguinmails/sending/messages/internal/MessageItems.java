package com.penguinmails.sending.messages.internal;

import com.penguinmails.sending.messages.Message;
import com.penguinmails.sending.messages.MessageIds;
import com.penguinmails.sending.messages.MessageStatus;
import com.penguinmails.sending.messages.TimelineEntry;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.stream.Collectors;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

/**
 * Messages as DynamoDB items: a claimed (or ungrouped) message is one item of its own; a group of queued recipients
 * is one item holding what they share once and, under {@code recipients}, each one's address and variables by its
 * two-digit index in the group.
 */
final class MessageItems {

    /** The attributes a group shares; a recipient's own item gets them when it is first claimed. */
    static final List<String> SHARED = List.of("contentId", "campaignId", "tags", "pool", "mailbox", "sendAt", "createdAt");
    private static final String RECIPIENTS = "recipients";

    private MessageItems() {
    }

    static Map<String, AttributeValue> messageItem(Message m) {
        Map<String, AttributeValue> item = shared(m);
        item.put(MessageKeys.PARTITION, s(MessageKeys.partition(m.workspaceId(), m.id())));
        item.put(MessageKeys.SORT, s(m.id()));
        item.putAll(recipient(m));
        item.put("status", s(m.status().name()));
        item.put("timeline", AttributeValue.fromL(m.timeline().stream().map(MessageItems::entry).toList()));
        item.put("attempt", n(m.attempt()));
        return item;
    }

    /** One item for {@code group}'s recipients, which must share everything {@link #SHARED} names and their status. */
    static Map<String, AttributeValue> groupItem(String group, List<Message> members) {
        Message first = members.get(0);
        Map<String, AttributeValue> shared = shared(first);
        Map<String, AttributeValue> recipients = new HashMap<>();
        for (Message m : members) {
            if (!shared(m).equals(shared) || m.status() != first.status() || !m.workspaceId().equals(first.workspaceId())) {
                throw new IllegalArgumentException("the messages of group " + group + " do not share their content, resource and time");
            }
            String index = m.id().substring(group.length());
            recipients.put(index, AttributeValue.fromM(recipient(m)));
        }
        Map<String, AttributeValue> item = new HashMap<>(shared);
        item.put(MessageKeys.PARTITION, s(MessageKeys.partition(first.workspaceId(), first.id())));
        item.put(MessageKeys.SORT, s(MessageKeys.groupSortKey(group)));
        item.put("status", s(first.status().name()));
        item.put(RECIPIENTS, AttributeValue.fromM(recipients));
        return item;
    }

    /** The message {@code messageId} as its group item holds it (queued, never claimed); empty if the group lacks it. */
    static Optional<Message> fromGroup(Map<String, AttributeValue> groupItem, String messageId) {
        String group = MessageIds.groupOf(messageId).orElseThrow();
        AttributeValue recipient = groupItem.get(RECIPIENTS).m().get(messageId.substring(group.length()));
        if (recipient == null) {
            return Optional.empty();
        }
        Map<String, AttributeValue> item = new HashMap<>(groupItem);
        item.remove(RECIPIENTS);
        item.putAll(recipient.m());
        item.put(MessageKeys.SORT, s(messageId));
        MessageStatus status = MessageStatus.valueOf(groupItem.get("status").s());
        item.put("timeline", AttributeValue.fromL(List.of(entry(new TimelineEntry(status, instant(groupItem, "createdAt"), null)))));
        item.put("attempt", n(0));
        return Optional.of(toMessage(item));
    }

    /** Every recipient of a group item, as messages, highest index first (the order of a newest-first listing). */
    static List<Message> allFromGroup(Map<String, AttributeValue> groupItem) {
        String group = MessageKeys.groupOfSortKey(groupItem.get(MessageKeys.SORT).s()).orElseThrow();
        return groupItem.get(RECIPIENTS).m().keySet().stream().sorted(java.util.Comparator.reverseOrder())
                .map(index -> fromGroup(groupItem, group + index).orElseThrow()).toList();
    }

    static Message toMessage(Map<String, AttributeValue> item) {
        Map<String, String> variables = item.containsKey("variables")
                ? item.get("variables").m().entrySet().stream().collect(Collectors.toMap(Map.Entry::getKey, e -> e.getValue().s()))
                : Map.of();
        List<String> tags = item.containsKey("tags") ? item.get("tags").l().stream().map(AttributeValue::s).toList() : List.of();
        List<TimelineEntry> timeline = item.containsKey("timeline")
                ? item.get("timeline").l().stream().map(MessageItems::toEntry).toList() : List.of();
        return new Message(item.get(MessageKeys.SORT).s(), MessageKeys.workspaceOf(item.get(MessageKeys.PARTITION).s()),
                item.get("contentId").s(), item.get("to").s(), variables, str(item, "campaignId"), tags, str(item, "pool"),
                str(item, "mailbox"), item.containsKey("sendAt") ? instant(item, "sendAt") : null,
                MessageStatus.valueOf(item.get("status").s()), timeline, Integer.parseInt(item.get("attempt").n()),
                str(item, "resourceId"), str(item, "messageIdHeader"), instant(item, "createdAt"));
    }

    /** What the members of a group share. */
    private static Map<String, AttributeValue> shared(Message m) {
        Map<String, AttributeValue> item = new HashMap<>();
        item.put("contentId", s(m.contentId()));
        putIfPresent(item, "campaignId", m.campaignId());
        if (!m.tags().isEmpty()) {
            item.put("tags", AttributeValue.fromL(m.tags().stream().map(MessageItems::s).toList()));
        }
        putIfPresent(item, "pool", m.pool());
        putIfPresent(item, "mailbox", m.mailbox());
        if (m.sendAt() != null) {
            item.put("sendAt", n(m.sendAt().toEpochMilli()));
        }
        item.put("createdAt", n(Objects.requireNonNull(m.createdAt(), "createdAt").toEpochMilli()));
        return item;
    }

    /** What is one recipient's own. */
    private static Map<String, AttributeValue> recipient(Message m) {
        Map<String, AttributeValue> item = new HashMap<>();
        item.put("to", s(m.to()));
        if (!m.variables().isEmpty()) {
            item.put("variables", AttributeValue.fromM(m.variables().entrySet().stream()
                    .collect(Collectors.toMap(Map.Entry::getKey, e -> s(e.getValue())))));
        }
        return item;
    }

    static AttributeValue entry(TimelineEntry e) {
        Map<String, AttributeValue> m = new HashMap<>();
        m.put("s", s(e.status().name()));
        m.put("at", n(e.at().toEpochMilli()));
        if (e.detail() != null) {
            m.put("d", s(e.detail()));
        }
        return AttributeValue.fromM(m);
    }

    private static TimelineEntry toEntry(AttributeValue value) {
        Map<String, AttributeValue> m = value.m();
        return new TimelineEntry(MessageStatus.valueOf(m.get("s").s()), Instant.ofEpochMilli(Long.parseLong(m.get("at").n())),
                m.containsKey("d") ? m.get("d").s() : null);
    }

    private static Instant instant(Map<String, AttributeValue> item, String name) {
        return Instant.ofEpochMilli(Long.parseLong(item.get(name).n()));
    }

    static AttributeValue s(String value) {
        return AttributeValue.fromS(value);
    }

    static AttributeValue n(long value) {
        return AttributeValue.fromN(Long.toString(value));
    }

    static String str(Map<String, AttributeValue> item, String name) {
        return item.containsKey(name) ? item.get(name).s() : null;
    }

    private static void putIfPresent(Map<String, AttributeValue> item, String name, String value) {
        if (value != null) {
            item.put(name, s(value));
        }
    }
}
