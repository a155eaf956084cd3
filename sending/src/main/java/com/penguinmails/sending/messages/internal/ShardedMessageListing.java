package com.penguinmails.sending.messages.internal;

import com.penguinmails.core.paging.Page;
import com.penguinmails.sending.messages.Message;
import com.penguinmails.sending.messages.MessageStatus;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.Deque;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.PriorityQueue;
import java.util.function.Predicate;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.QueryRequest;
import software.amazon.awssdk.services.dynamodb.model.QueryResponse;

/**
 * A workspace's messages newest first, across its shards: each shard is read newest first (its group items expanded
 * into their queued recipients, each replaced by its own item once claimed) and the shards are merged by message id,
 * which sorts by time. A page resumes after the last message it looked at, whether or not the filters kept it.
 */
final class ShardedMessageListing {

    /** Queries a page may make per shard before it returns what it has with a cursor: a filter that matches little never hangs. */
    private static final int QUERIES_PER_SHARD = 20;
    private static final Comparator<ShardReader> NEWEST_HEAD =
            Comparator.comparing((ShardReader reader) -> reader.peek().orElseThrow().id()).reversed();

    private final DynamoDbClient dynamoDb;
    private final String table;

    ShardedMessageListing(DynamoDbClient dynamoDb, String table) {
        this.dynamoDb = dynamoDb;
        this.table = table;
    }

    Page<Message> page(String workspaceId, String campaignId, MessageStatus status, String afterPosition, int limit) {
        Predicate<Message> wanted = m -> (campaignId == null || campaignId.equals(m.campaignId())) && (status == null || m.status() == status);
        PriorityQueue<ShardReader> heads = new PriorityQueue<>(NEWEST_HEAD);
        for (int shard = 0; shard < MessageKeys.SHARDS; shard++) {
            ShardReader reader = new ShardReader(MessageKeys.partitionOf(workspaceId, shard), afterPosition, limit);
            if (reader.peek().isPresent()) {
                heads.add(reader);
            }
        }
        List<Message> page = new ArrayList<>();
        String lastSeen = null;
        while (!heads.isEmpty() && page.size() < limit) {
            ShardReader newest = heads.poll();
            Message next = newest.next();
            lastSeen = next.id();
            if (wanted.test(next)) {
                page.add(next);
            }
            if (newest.outOfQueries()) {
                // This shard may hold messages older than the one just taken but newer than the other shards' heads:
                // stop here, where every shard has been read to, and let the next page resume.
                return new Page<>(page, lastSeen);
            }
            if (newest.peek().isPresent()) {
                heads.add(newest);
            }
        }
        return new Page<>(page, heads.isEmpty() ? null : lastSeen);
    }

    /** One shard newest first, as messages. */
    private final class ShardReader {

        private final String partition;
        private final String afterPosition;
        private final int pageSize;
        private final Deque<Map<String, AttributeValue>> items = new ArrayDeque<>();
        private final Deque<Message> ready = new ArrayDeque<>();
        private Map<String, AttributeValue> startKey;
        private boolean queriedAll;
        private int queries;

        ShardReader(String partition, String afterPosition, int limit) {
            this.partition = partition;
            this.afterPosition = afterPosition;
            // A group item and its claimed recipients come together: read at least one whole group per query.
            this.pageSize = limit + com.penguinmails.sending.messages.MessageIds.GROUP_SIZE + 1;
        }

        /** Nothing read and not yet taken, more in the table, and no queries left for this page. */
        boolean outOfQueries() {
            return ready.isEmpty() && items.isEmpty() && !queriedAll && queries >= QUERIES_PER_SHARD;
        }

        Optional<Message> peek() {
            fill();
            return Optional.ofNullable(ready.peekFirst());
        }

        Message next() {
            fill();
            return ready.removeFirst();
        }

        private void fill() {
            while (ready.isEmpty()) {
                Optional<Map<String, AttributeValue>> item = nextItem();
                if (item.isEmpty()) {
                    return;
                }
                Optional<String> group = MessageKeys.groupOfSortKey(item.get().get(MessageKeys.SORT).s());
                if (group.isPresent()) {
                    expand(item.get(), group.get());
                } else {
                    offer(MessageItems.toMessage(item.get()));
                }
            }
        }

        /** A group item, then the items of its claimed recipients, which come right after it. */
        private void expand(Map<String, AttributeValue> groupItem, String group) {
            Map<String, Message> claimed = new HashMap<>();
            while (true) {
                // Past this page's query budget if need be: a group shown without its claimed recipients would be wrong.
                if (items.isEmpty() && !queriedAll) {
                    query();
                }
                Optional<Map<String, AttributeValue>> item = Optional.ofNullable(items.pollFirst());
                if (item.isEmpty()) {
                    break;
                }
                String sortKey = item.get().get(MessageKeys.SORT).s();
                if (!sortKey.startsWith(group) || MessageKeys.groupOfSortKey(sortKey).isPresent()) {
                    items.addFirst(item.get());
                    break;
                }
                claimed.put(sortKey, MessageItems.toMessage(item.get()));
            }
            for (Message queued : MessageItems.allFromGroup(groupItem)) {
                Message own = claimed.remove(queued.id());
                offer(own != null ? own : queued);
            }
            claimed.values().stream().sorted(Comparator.comparing(Message::id).reversed()).forEach(this::offer);
        }

        private void offer(Message message) {
            if (afterPosition == null || message.id().compareTo(afterPosition) < 0) {
                ready.addLast(message);
            }
        }

        private Optional<Map<String, AttributeValue>> nextItem() {
            if (items.isEmpty() && !queriedAll && queries < QUERIES_PER_SHARD) {
                query();
            }
            return Optional.ofNullable(items.pollFirst());
        }

        private void query() {
            Map<String, AttributeValue> values = new HashMap<>(Map.of(":pk", MessageItems.s(partition)));
            String condition = "#pk = :pk";
            if (afterPosition != null) {
                condition += " AND #sk <= :bound";
                values.put(":bound", MessageItems.s(MessageKeys.resumeBound(afterPosition)));
            }
            QueryResponse response = dynamoDb.query(QueryRequest.builder().tableName(table).keyConditionExpression(condition)
                    .expressionAttributeNames(afterPosition == null ? Map.of("#pk", MessageKeys.PARTITION)
                            : Map.of("#pk", MessageKeys.PARTITION, "#sk", MessageKeys.SORT))
                    .expressionAttributeValues(values).scanIndexForward(false).limit(pageSize).exclusiveStartKey(startKey).build());
            queries++;
            items.addAll(response.items());
            startKey = response.hasLastEvaluatedKey() && !response.lastEvaluatedKey().isEmpty() ? response.lastEvaluatedKey() : null;
            queriedAll = startKey == null;
        }
    }
}
