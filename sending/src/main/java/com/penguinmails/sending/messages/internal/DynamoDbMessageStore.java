package com.penguinmails.sending.messages.internal;

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
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Collectors;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.ConditionalCheckFailedException;
import software.amazon.awssdk.services.dynamodb.model.QueryRequest;
import software.amazon.awssdk.services.dynamodb.model.QueryResponse;
import software.amazon.awssdk.services.dynamodb.model.ReturnValue;
import software.amazon.awssdk.services.dynamodb.model.UpdateItemRequest;

/**
 * Messages keyed by workspace and a time-ordered id (newest-first listing is a reverse query). Items stay small
 * (the body lives once in the content table) so each state change costs one write unit.
 */
public final class DynamoDbMessageStore implements MessageStore {

    /** Between an event id and one of its marks in {@code eventMarks} (a string set of all the events' marks). */
    private static final String MARK_SEPARATOR = "\n";

    private final DynamoDbClient dynamoDb;
    private final String messagesTable;
    private final String contentTable;

    public DynamoDbMessageStore(DynamoDbClient dynamoDb, String messagesTable, String contentTable) {
        this.dynamoDb = dynamoDb;
        this.messagesTable = messagesTable;
        this.contentTable = contentTable;
    }

    @Override
    public void putContent(Content c) {
        Map<String, AttributeValue> item = new HashMap<>();
        item.put("workspaceId", s(c.workspaceId()));
        item.put("contentId", s(c.id()));
        item.put("from", s(c.from()));
        putIfPresent(item, "replyTo", c.replyTo());
        item.put("subject", s(c.subject()));
        putIfPresent(item, "html", c.html());
        putIfPresent(item, "text", c.text());
        if (!c.headers().isEmpty()) {
            item.put("headers", AttributeValue.fromM(c.headers().entrySet().stream().collect(Collectors.toMap(Map.Entry::getKey, e -> s(e.getValue())))));
        }
        item.put("trackOpens", AttributeValue.fromBool(c.trackOpens()));
        item.put("trackClicks", AttributeValue.fromBool(c.trackClicks()));
        putIfPresent(item, "postalAddress", c.postalAddress());
        dynamoDb.putItem(r -> r.tableName(contentTable).item(item));
    }

    @Override
    public Optional<Content> content(String workspaceId, String contentId) {
        Map<String, AttributeValue> item = dynamoDb.getItem(r -> r.tableName(contentTable)
                .key(Map.of("workspaceId", s(workspaceId), "contentId", s(contentId)))).item();
        if (item == null || item.isEmpty()) {
            return Optional.empty();
        }
        Map<String, String> headers = item.containsKey("headers")
                ? item.get("headers").m().entrySet().stream().collect(Collectors.toMap(Map.Entry::getKey, e -> e.getValue().s()))
                : Map.of();
        return Optional.of(new Content(contentId, workspaceId, item.get("from").s(), str(item, "replyTo"), item.get("subject").s(),
                str(item, "html"), str(item, "text"), headers, item.get("trackOpens").bool(), item.get("trackClicks").bool(),
                str(item, "postalAddress")));
    }

    @Override
    public void create(Message m) {
        Map<String, AttributeValue> item = new HashMap<>();
        item.put("workspaceId", s(m.workspaceId()));
        item.put("messageId", s(m.id()));
        item.put("contentId", s(m.contentId()));
        item.put("to", s(m.to()));
        if (!m.variables().isEmpty()) {
            item.put("variables", AttributeValue.fromM(m.variables().entrySet().stream().collect(Collectors.toMap(Map.Entry::getKey, e -> s(e.getValue())))));
        }
        putIfPresent(item, "campaignId", m.campaignId());
        if (!m.tags().isEmpty()) {
            item.put("tags", AttributeValue.fromL(m.tags().stream().map(DynamoDbMessageStore::s).toList()));
        }
        putIfPresent(item, "pool", m.pool());
        putIfPresent(item, "mailbox", m.mailbox());
        if (m.sendAt() != null) {
            item.put("sendAt", n(m.sendAt().toEpochMilli()));
        }
        item.put("status", s(m.status().name()));
        item.put("timeline", AttributeValue.fromL(m.timeline().stream().map(DynamoDbMessageStore::entry).toList()));
        item.put("attempt", n(m.attempt()));
        item.put("createdAt", n(m.createdAt().toEpochMilli()));
        dynamoDb.putItem(r -> r.tableName(messagesTable).item(item).conditionExpression("attribute_not_exists(messageId)"));
    }

    @Override
    public Optional<Message> find(String workspaceId, String messageId) {
        Map<String, AttributeValue> item = dynamoDb.getItem(r -> r.tableName(messagesTable).consistentRead(true)
                .key(key(workspaceId, messageId))).item();
        return item == null || item.isEmpty() ? Optional.empty() : Optional.of(toMessage(item));
    }

    @Override
    public Optional<Message> claim(String workspaceId, String messageId, Instant now, Duration lease, String claimToken) {
        try {
            var response = dynamoDb.updateItem(UpdateItemRequest.builder().tableName(messagesTable).key(key(workspaceId, messageId))
                    .updateExpression("SET #status = :sending, leaseUntil = :lease, claimToken = :token, "
                            + "timeline = list_append(timeline, :entry) ADD attempt :one")
                    .conditionExpression("#status IN (:queued, :scheduled, :deferred)")
                    .expressionAttributeNames(Map.of("#status", "status"))
                    .expressionAttributeValues(Map.of(
                            ":sending", s(MessageStatus.SENDING.name()),
                            ":queued", s(MessageStatus.QUEUED.name()),
                            ":scheduled", s(MessageStatus.SCHEDULED.name()),
                            ":deferred", s(MessageStatus.DEFERRED.name()),
                            ":lease", n(now.plus(lease).toEpochMilli()),
                            ":token", s(claimToken),
                            ":one", n(1),
                            ":entry", AttributeValue.fromL(List.of(entry(new TimelineEntry(MessageStatus.SENDING, now, null))))))
                    .returnValues(ReturnValue.ALL_NEW)
                    .build());
            return Optional.of(toMessage(response.attributes()));
        } catch (ConditionalCheckFailedException e) {
            // Our own earlier try may be what made the condition fail: the SDK retried after an attempt that timed
            // out but was applied, or the caller tried again after a call whose outcome it never learnt.
            Map<String, AttributeValue> item = dynamoDb.getItem(r -> r.tableName(messagesTable).consistentRead(true)
                    .key(key(workspaceId, messageId))).item();
            boolean ours = item != null && item.containsKey("claimToken") && claimToken.equals(item.get("claimToken").s())
                    && MessageStatus.SENDING.name().equals(item.get("status").s());
            return ours ? Optional.of(toMessage(item)) : Optional.empty();
        }
    }

    @Override
    public boolean markSent(String workspaceId, String messageId, int attempt, String resourceId, String messageIdHeader, Instant now) {
        return ownedUpdate(workspaceId, messageId, attempt,
                "SET #status = :status, resourceId = :resource, messageIdHeader = :header, timeline = list_append(timeline, :entry) REMOVE leaseUntil, claimToken",
                Map.of(":status", s(MessageStatus.SENT.name()), ":resource", s(resourceId), ":header", s(messageIdHeader),
                        ":entry", AttributeValue.fromL(List.of(entry(new TimelineEntry(MessageStatus.SENT, now, "via " + resourceId))))));
    }

    @Override
    public boolean release(String workspaceId, String messageId, int attempt, MessageStatus status, String detail, Instant now) {
        return ownedUpdate(workspaceId, messageId, attempt,
                "SET #status = :status, timeline = list_append(timeline, :entry) REMOVE leaseUntil, claimToken",
                Map.of(":status", s(status.name()),
                        ":entry", AttributeValue.fromL(List.of(entry(new TimelineEntry(status, now, detail))))));
    }

    @Override
    public boolean applyEvent(String workspaceId, String messageId, String eventId, MessageStatus status, String detail, Instant at,
                              List<String> marks) {
        Map<String, AttributeValue> values = new HashMap<>(Map.of(":status", s(status.name()),
                ":entry", AttributeValue.fromL(List.of(entry(new TimelineEntry(status, at, detail)))),
                ":eventIds", AttributeValue.fromSs(List.of(eventId)),
                ":eventId", s(eventId)));
        String update = "SET #status = :status, timeline = list_append(timeline, :entry) ADD eventIds :eventIds";
        if (!marks.isEmpty()) {
            update += ", eventMarks :marks";
            values.put(":marks", AttributeValue.fromSs(marks.stream().map(mark -> eventId + MARK_SEPARATOR + mark).toList()));
        }
        String expression = update;
        try {
            dynamoDb.updateItem(r -> r.tableName(messagesTable).key(key(workspaceId, messageId))
                    .updateExpression(expression)
                    .conditionExpression("attribute_exists(messageId) AND NOT contains(eventIds, :eventId)")
                    .expressionAttributeNames(Map.of("#status", "status"))
                    .expressionAttributeValues(values));
            return true;
        } catch (ConditionalCheckFailedException e) {
            return false;
        }
    }

    @Override
    public Optional<AppliedEvent> appliedEvent(String workspaceId, String messageId, String eventId) {
        Map<String, AttributeValue> item = dynamoDb.getItem(r -> r.tableName(messagesTable).consistentRead(true)
                .key(key(workspaceId, messageId)).projectionExpression("messageId, eventIds, eventMarks")).item();
        if (item == null || item.isEmpty()) {
            return Optional.empty();
        }
        boolean applied = item.containsKey("eventIds") && item.get("eventIds").ss().contains(eventId);
        String prefix = eventId + MARK_SEPARATOR;
        List<String> marks = item.containsKey("eventMarks")
                ? item.get("eventMarks").ss().stream().filter(m -> m.startsWith(prefix)).map(m -> m.substring(prefix.length())).toList()
                : List.of();
        return Optional.of(new AppliedEvent(applied, marks));
    }

    @Override
    public Page<Message> list(String workspaceId, String campaignId, MessageStatus status, String afterPosition, int limit) {
        Map<String, AttributeValue> values = new HashMap<>();
        values.put(":ws", s(workspaceId));
        List<String> filters = new ArrayList<>();
        Map<String, String> names = new HashMap<>();
        if (campaignId != null) {
            filters.add("campaignId = :campaign");
            values.put(":campaign", s(campaignId));
        }
        if (status != null) {
            filters.add("#status = :status");
            names.put("#status", "status");
            values.put(":status", s(status.name()));
        }
        List<Message> messages = new ArrayList<>();
        Map<String, AttributeValue> start = afterPosition == null ? null : key(workspaceId, afterPosition);
        // Filters are applied after Limit, so keep reading (boundedly) until the page is full or the partition ends.
        for (int pages = 0; pages < 20 && messages.size() < limit; pages++) {
            QueryRequest.Builder request = QueryRequest.builder().tableName(messagesTable)
                    .keyConditionExpression("workspaceId = :ws").expressionAttributeValues(values)
                    .scanIndexForward(false).limit(limit - messages.size()).exclusiveStartKey(start);
            if (!filters.isEmpty()) {
                request.filterExpression(String.join(" AND ", filters));
            }
            if (!names.isEmpty()) {
                request.expressionAttributeNames(names);
            }
            QueryResponse response = dynamoDb.query(request.build());
            response.items().forEach(i -> messages.add(toMessage(i)));
            start = response.hasLastEvaluatedKey() && !response.lastEvaluatedKey().isEmpty() ? response.lastEvaluatedKey() : null;
            if (start == null) {
                break;
            }
        }
        return new Page<>(messages, start == null ? null : start.get("messageId").s());
    }

    private boolean ownedUpdate(String workspaceId, String messageId, int attempt, String update, Map<String, AttributeValue> values) {
        Map<String, AttributeValue> all = new HashMap<>(values);
        all.put(":sending", s(MessageStatus.SENDING.name()));
        all.put(":attempt", n(attempt));
        try {
            dynamoDb.updateItem(r -> r.tableName(messagesTable).key(key(workspaceId, messageId))
                    .updateExpression(update)
                    .conditionExpression("#status = :sending AND attempt = :attempt")
                    .expressionAttributeNames(Map.of("#status", "status"))
                    .expressionAttributeValues(all));
            return true;
        } catch (ConditionalCheckFailedException e) {
            return false;
        }
    }

    private static Message toMessage(Map<String, AttributeValue> item) {
        Map<String, String> variables = item.containsKey("variables")
                ? item.get("variables").m().entrySet().stream().collect(Collectors.toMap(Map.Entry::getKey, e -> e.getValue().s()))
                : Map.of();
        List<String> tags = item.containsKey("tags") ? item.get("tags").l().stream().map(AttributeValue::s).toList() : List.of();
        List<TimelineEntry> timeline = item.containsKey("timeline")
                ? item.get("timeline").l().stream().map(DynamoDbMessageStore::toEntry).toList() : List.of();
        return new Message(item.get("messageId").s(), item.get("workspaceId").s(), item.get("contentId").s(), item.get("to").s(),
                variables, str(item, "campaignId"), tags, str(item, "pool"), str(item, "mailbox"),
                item.containsKey("sendAt") ? Instant.ofEpochMilli(Long.parseLong(item.get("sendAt").n())) : null,
                MessageStatus.valueOf(item.get("status").s()), timeline, Integer.parseInt(item.get("attempt").n()),
                str(item, "resourceId"), str(item, "messageIdHeader"), Instant.ofEpochMilli(Long.parseLong(item.get("createdAt").n())));
    }

    private static AttributeValue entry(TimelineEntry e) {
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

    private static Map<String, AttributeValue> key(String workspaceId, String messageId) {
        return Map.of("workspaceId", s(workspaceId), "messageId", s(messageId));
    }

    private static AttributeValue s(String value) {
        return AttributeValue.fromS(value);
    }

    private static AttributeValue n(long value) {
        return AttributeValue.fromN(Long.toString(value));
    }

    private static String str(Map<String, AttributeValue> item, String name) {
        return item.containsKey(name) ? item.get(name).s() : null;
    }

    private static void putIfPresent(Map<String, AttributeValue> item, String name, String value) {
        if (value != null) {
            item.put(name, s(value));
        }
    }
}
