package com.penguinmails.sending.messages.internal;

import static com.penguinmails.sending.messages.internal.MessageItems.n;
import static com.penguinmails.sending.messages.internal.MessageItems.s;
import static com.penguinmails.sending.messages.internal.MessageItems.str;

import com.penguinmails.core.paging.Page;
import com.penguinmails.sending.messages.Content;
import com.penguinmails.sending.messages.Message;
import com.penguinmails.sending.messages.MessageIds;
import com.penguinmails.sending.messages.MessageStatus;
import com.penguinmails.sending.messages.MessageStore;
import com.penguinmails.sending.messages.TimelineEntry;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ConcurrentHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Collectors;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.ConditionalCheckFailedException;
import software.amazon.awssdk.services.dynamodb.model.ReturnValue;
import software.amazon.awssdk.services.dynamodb.model.UpdateItemRequest;

/**
 * Messages in a table sharded per workspace ({@link MessageKeys}), keyed by time-ordered ids (newest-first listing is
 * a reverse query per shard, merged: {@link ShardedMessageListing}). The recipients a submission queues are kept in
 * group items until each is claimed ({@link MessageItems}); from its claim on, a message is an item of its own, so
 * every state change is a single-item conditional write of about one write unit (the body lives once in the content
 * table).
 */
public final class DynamoDbMessageStore implements MessageStore {

    /** Between an event id and one of its marks in {@code eventMarks} (a string set of all the events' marks). */
    private static final String MARK_SEPARATOR = "\n";
    /** Group items a store keeps after reading them: they never change, and a sender claims a group's recipients together. */
    private static final int CACHED_GROUPS = 256;

    private final DynamoDbClient dynamoDb;
    private final String messagesTable;
    private final String contentTable;
    private final ShardedMessageListing listing;
    private final Map<List<String>, CompletableFuture<Map<String, AttributeValue>>> groupsLoading = new ConcurrentHashMap<>();
    private final Map<List<String>, Map<String, AttributeValue>> groups = java.util.Collections.synchronizedMap(
            new LinkedHashMap<>(CACHED_GROUPS, 0.75f, true) {
                @Override
                protected boolean removeEldestEntry(Map.Entry<List<String>, Map<String, AttributeValue>> eldest) {
                    return size() > CACHED_GROUPS;
                }
            });

    public DynamoDbMessageStore(DynamoDbClient dynamoDb, String messagesTable, String contentTable) {
        this.dynamoDb = dynamoDb;
        this.messagesTable = messagesTable;
        this.contentTable = contentTable;
        this.listing = new ShardedMessageListing(dynamoDb, messagesTable);
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

    /** One message, as an item of its own (in its group's shard, if its id has a group). */
    @Override
    public void create(Message m) {
        dynamoDb.putItem(r -> r.tableName(messagesTable).item(MessageItems.messageItem(m))
                .conditionExpression("attribute_not_exists(messageId)"));
    }

    /** Recipients just accepted (queued or scheduled, never tried) go into their group's item; any other, on its own. */
    @Override
    public void createAll(List<Message> messages) {
        Map<String, List<Message>> byGroup = new LinkedHashMap<>();
        for (Message m : messages) {
            Optional<String> group = MessageIds.groupOf(m.id());
            boolean fresh = (m.status() == MessageStatus.QUEUED || m.status() == MessageStatus.SCHEDULED) && m.attempt() == 0
                    && m.timeline().size() <= 1 && m.resourceId() == null;
            if (group.isPresent() && fresh) {
                byGroup.computeIfAbsent(group.get(), g -> new ArrayList<>()).add(m);
            } else {
                create(m);
            }
        }
        byGroup.forEach((group, members) -> dynamoDb.putItem(r -> r.tableName(messagesTable)
                .item(MessageItems.groupItem(group, members)).conditionExpression("attribute_not_exists(messageId)")));
    }

    @Override
    public Optional<Message> find(String workspaceId, String messageId) {
        Map<String, AttributeValue> item = dynamoDb.getItem(r -> r.tableName(messagesTable).consistentRead(true)
                .key(MessageKeys.key(workspaceId, messageId))).item();
        if (item != null && !item.isEmpty()) {
            return Optional.of(MessageItems.toMessage(item));
        }
        return MessageKeys.groupKey(workspaceId, messageId)
                .flatMap(key -> group(key, true))
                .flatMap(group -> MessageItems.fromGroup(group, messageId));
    }

    /**
     * A group item, from the cache or the table ({@code consistent} on a miss: right after the accept, say). Senders
     * claim a batch's recipients at once, most of them from one group: the first to miss reads the item and the
     * others wait for that read instead of each making their own.
     */
    private Optional<Map<String, AttributeValue>> group(Map<String, AttributeValue> key, boolean consistent) {
        List<String> cacheKey = List.of(key.get(MessageKeys.PARTITION).s(), key.get(MessageKeys.SORT).s());
        Map<String, AttributeValue> cached = groups.get(cacheKey);
        if (cached != null) {
            return Optional.of(cached);
        }
        CompletableFuture<Map<String, AttributeValue>> mine = new CompletableFuture<>();
        CompletableFuture<Map<String, AttributeValue>> theirs = groupsLoading.putIfAbsent(cacheKey, mine);
        if (theirs != null) {
            try {
                Map<String, AttributeValue> loaded = theirs.join();
                if (loaded != null) {
                    return Optional.of(loaded);
                }
            } catch (CompletionException failed) {
                // Their read failed: this caller makes its own, and fails on its own if it must.
            }
            return readGroup(key, cacheKey, consistent);
        }
        try {
            Optional<Map<String, AttributeValue>> item = readGroup(key, cacheKey, consistent);
            mine.complete(item.orElse(null));
            return item;
        } catch (RuntimeException e) {
            mine.completeExceptionally(e);
            throw e;
        } finally {
            groupsLoading.remove(cacheKey, mine);
        }
    }

    private Optional<Map<String, AttributeValue>> readGroup(Map<String, AttributeValue> key, List<String> cacheKey, boolean consistent) {
        Map<String, AttributeValue> item = dynamoDb.getItem(r -> r.tableName(messagesTable).consistentRead(consistent).key(key)).item();
        if (item == null || item.isEmpty()) {
            return consistent ? Optional.empty() : readGroup(key, cacheKey, true);
        }
        groups.put(cacheKey, item);
        return Optional.of(item);
    }

    /**
     * QUEUED, SCHEDULED or DEFERRED → SENDING. A recipient still in its group item gets its own item in this very
     * write (everything the group holds for it, set only where the item has nothing yet), so the claim stays one
     * conditional write whether or not the recipient was claimed before.
     */
    @Override
    public Optional<Message> claim(String workspaceId, String messageId, Instant now, Duration lease, String claimToken) {
        Optional<Message> queued = MessageKeys.groupKey(workspaceId, messageId)
                .flatMap(key -> group(key, false))
                .flatMap(group -> MessageItems.fromGroup(group, messageId));
        Map<String, String> names = new HashMap<>(Map.of("#status", "status"));
        Map<String, AttributeValue> values = new HashMap<>(Map.of(
                ":sending", s(MessageStatus.SENDING.name()),
                ":queued", s(MessageStatus.QUEUED.name()),
                ":scheduled", s(MessageStatus.SCHEDULED.name()),
                ":deferred", s(MessageStatus.DEFERRED.name()),
                ":lease", n(now.plus(lease).toEpochMilli()),
                ":token", s(claimToken),
                ":one", n(1),
                ":entry", AttributeValue.fromL(List.of(MessageItems.entry(new TimelineEntry(MessageStatus.SENDING, now, null))))));
        List<String> sets = new ArrayList<>(List.of("#status = :sending", "leaseUntil = :lease", "claimToken = :token"));
        String condition = "#status IN (:queued, :scheduled, :deferred)";
        if (queued.isPresent()) {
            Map<String, AttributeValue> own = MessageItems.messageItem(queued.get());
            List.of(MessageKeys.PARTITION, MessageKeys.SORT, "status", "timeline", "attempt").forEach(own::remove);
            int i = 0;
            for (Map.Entry<String, AttributeValue> attribute : own.entrySet()) {
                names.put("#a" + i, attribute.getKey());
                values.put(":a" + i, attribute.getValue());
                sets.add("#a" + i + " = if_not_exists(#a" + i + ", :a" + i + ")");
                i++;
            }
            values.put(":initial", AttributeValue.fromL(queued.get().timeline().stream().map(MessageItems::entry).toList()));
            sets.add("timeline = list_append(if_not_exists(timeline, :initial), :entry)");
            condition = "attribute_not_exists(messageId) OR " + condition;
        } else {
            sets.add("timeline = list_append(timeline, :entry)");
        }
        try {
            var response = dynamoDb.updateItem(UpdateItemRequest.builder().tableName(messagesTable)
                    .key(MessageKeys.key(workspaceId, messageId))
                    .updateExpression("SET " + String.join(", ", sets) + " ADD attempt :one")
                    .conditionExpression(condition)
                    .expressionAttributeNames(names)
                    .expressionAttributeValues(values)
                    .returnValues(ReturnValue.ALL_NEW)
                    .build());
            return Optional.of(MessageItems.toMessage(response.attributes()));
        } catch (ConditionalCheckFailedException e) {
            // Our own earlier try may be what made the condition fail: the SDK retried after an attempt that timed
            // out but was applied, or the caller tried again after a call whose outcome it never learnt.
            Map<String, AttributeValue> item = dynamoDb.getItem(r -> r.tableName(messagesTable).consistentRead(true)
                    .key(MessageKeys.key(workspaceId, messageId))).item();
            boolean ours = item != null && item.containsKey("claimToken") && claimToken.equals(item.get("claimToken").s())
                    && MessageStatus.SENDING.name().equals(item.get("status").s());
            return ours ? Optional.of(MessageItems.toMessage(item)) : Optional.empty();
        }
    }

    @Override
    public boolean markSent(String workspaceId, String messageId, int attempt, String resourceId, String messageIdHeader, Instant now) {
        return ownedUpdate(workspaceId, messageId, attempt,
                "SET #status = :status, resourceId = :resource, messageIdHeader = :header, timeline = list_append(timeline, :entry) REMOVE leaseUntil, claimToken",
                Map.of(":status", s(MessageStatus.SENT.name()), ":resource", s(resourceId), ":header", s(messageIdHeader),
                        ":entry", AttributeValue.fromL(List.of(MessageItems.entry(new TimelineEntry(MessageStatus.SENT, now, "via " + resourceId))))));
    }

    @Override
    public boolean release(String workspaceId, String messageId, int attempt, MessageStatus status, String detail, Instant now) {
        return ownedUpdate(workspaceId, messageId, attempt,
                "SET #status = :status, timeline = list_append(timeline, :entry) REMOVE leaseUntil, claimToken",
                Map.of(":status", s(status.name()),
                        ":entry", AttributeValue.fromL(List.of(MessageItems.entry(new TimelineEntry(status, now, detail))))));
    }

    @Override
    public Optional<Message> applyEvent(String workspaceId, String messageId, String eventId, MessageStatus status, String detail,
                                        Instant at, List<String> marks) {
        Map<String, AttributeValue> values = new HashMap<>(Map.of(":status", s(status.name()),
                ":entry", AttributeValue.fromL(List.of(MessageItems.entry(new TimelineEntry(status, at, detail)))),
                ":eventIds", AttributeValue.fromSs(List.of(eventId)),
                ":eventId", s(eventId)));
        String update = "SET #status = :status, timeline = list_append(timeline, :entry) ADD eventIds :eventIds";
        if (!marks.isEmpty()) {
            update += ", eventMarks :marks";
            values.put(":marks", AttributeValue.fromSs(marks.stream().map(mark -> eventId + MARK_SEPARATOR + mark).toList()));
        }
        String expression = update;
        try {
            // The message as the write left it comes back with the write itself: no read to publish what it did.
            var response = dynamoDb.updateItem(r -> r.tableName(messagesTable).key(MessageKeys.key(workspaceId, messageId))
                    .updateExpression(expression)
                    .conditionExpression("attribute_exists(messageId) AND NOT contains(eventIds, :eventId)")
                    .expressionAttributeNames(Map.of("#status", "status"))
                    .expressionAttributeValues(values)
                    .returnValues(ReturnValue.ALL_NEW));
            return Optional.of(MessageItems.toMessage(response.attributes()));
        } catch (ConditionalCheckFailedException e) {
            return Optional.empty();
        }
    }

    @Override
    public Optional<AppliedEvent> appliedEvent(String workspaceId, String messageId, String eventId) {
        Map<String, AttributeValue> item = dynamoDb.getItem(r -> r.tableName(messagesTable).consistentRead(true)
                .key(MessageKeys.key(workspaceId, messageId)).projectionExpression("messageId, eventIds, eventMarks")).item();
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
        return listing.page(workspaceId, campaignId, status, afterPosition, limit);
    }

    private boolean ownedUpdate(String workspaceId, String messageId, int attempt, String update, Map<String, AttributeValue> values) {
        Map<String, AttributeValue> all = new HashMap<>(values);
        all.put(":sending", s(MessageStatus.SENDING.name()));
        all.put(":attempt", n(attempt));
        try {
            dynamoDb.updateItem(r -> r.tableName(messagesTable).key(MessageKeys.key(workspaceId, messageId))
                    .updateExpression(update)
                    .conditionExpression("#status = :sending AND attempt = :attempt")
                    .expressionAttributeNames(Map.of("#status", "status"))
                    .expressionAttributeValues(all));
            return true;
        } catch (ConditionalCheckFailedException e) {
            return false;
        }
    }

    private static void putIfPresent(Map<String, AttributeValue> item, String name, String value) {
        if (value != null) {
            item.put(name, s(value));
        }
    }
}
