package com.penguinmails.sending.messages.internal;

import com.penguinmails.core.platform.ShardedKeys;
import com.penguinmails.sending.messages.MessageIds;
import java.util.Map;
import java.util.Optional;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

/**
 * Where a message lives in the messages table. A workspace's messages are spread over {@value #SHARDS} partition
 * keys ({@code <workspace>} for shard 0, {@code <workspace>#<n>} for the others) by a stable hash of the message's
 * group, so one workspace sending a million emails an hour puts about a hundred writes a second on each key instead
 * of eight hundred on one (DynamoDB allows 1,000 per partition key). Shard 0 is the workspace id itself, so messages
 * stored before sharding, and ids made outside {@link MessageIds} (tests), are found where they always were.
 * <p>
 * A group of queued recipients (see {@link MessageIds}) is one item, sort key {@code <group>~}; a recipient gets its
 * own item, sort key its id, when it is first claimed. {@code ~} sorts after every id character, so a newest-first
 * query meets a group's item just before the items of its claimed recipients.
 */
final class MessageKeys {

    static final int SHARDS = 8;
    static final String PARTITION = "workspaceId";
    static final String SORT = "messageId";
    private static final String GROUP_SUFFIX = "~";

    private MessageKeys() {
    }

    static String partition(String workspaceId, String messageId) {
        return partitionOf(workspaceId, shardOf(messageId));
    }

    static String partitionOf(String workspaceId, int shard) {
        return ShardedKeys.key(workspaceId, shard);
    }

    /** The workspace a partition key value belongs to. */
    static String workspaceOf(String partition) {
        return ShardedKeys.baseOf(partition);
    }

    static int shardOf(String messageId) {
        // String.hashCode is specified by the language, so every function and every release agrees on the shard.
        return MessageIds.groupOf(messageId).map(group -> Math.floorMod(group.hashCode(), SHARDS)).orElse(0);
    }

    static Map<String, AttributeValue> key(String workspaceId, String messageId) {
        return Map.of(PARTITION, AttributeValue.fromS(partition(workspaceId, messageId)), SORT, AttributeValue.fromS(messageId));
    }

    static String groupSortKey(String group) {
        return group + GROUP_SUFFIX;
    }

    /** The key of the group item holding {@code messageId} while it is queued; empty for an ungrouped id. */
    static Optional<Map<String, AttributeValue>> groupKey(String workspaceId, String messageId) {
        return MessageIds.groupOf(messageId).map(group -> Map.of(PARTITION, AttributeValue.fromS(partition(workspaceId, messageId)),
                SORT, AttributeValue.fromS(groupSortKey(group))));
    }

    /** The group a sort key names, if it is a group item's. */
    static Optional<String> groupOfSortKey(String sortKey) {
        return sortKey.endsWith(GROUP_SUFFIX) ? Optional.of(sortKey.substring(0, sortKey.length() - GROUP_SUFFIX.length())) : Optional.empty();
    }

    /**
     * The highest sort key a listing that resumes after {@code position} must read: the group item of the position's
     * group sorts above the position itself and still holds recipients below it.
     */
    static String resumeBound(String position) {
        return MessageIds.groupOf(position).orElse(position) + GROUP_SUFFIX;
    }
}
