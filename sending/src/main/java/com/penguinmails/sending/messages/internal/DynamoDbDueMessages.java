package com.penguinmails.sending.messages.internal;

import com.penguinmails.core.platform.ShardedKeys;
import com.penguinmails.sending.messages.DueMessages;
import com.penguinmails.sending.messages.OutboundQueue;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.BiFunction;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.QueryRequest;
import software.amazon.awssdk.services.dynamodb.model.QueryResponse;

/**
 * Scheduled messages: partitions per UTC day of the due time, sorted by {@code <due millis>#<workspace>#<message>}, so
 * "what is due now" is a range query on today's and yesterday's partitions. Taking an item deletes it; if the enqueue
 * before that delete is repeated, the sender's claim makes the second one a no-op.
 * <p>
 * A day's messages, of every workspace, are spread over {@link #SHARDS} partitions, {@code <day>#<shard>}
 * ({@code <day>} itself for shard 0, the key every entry had before, so those are still taken), the shard the CRC-32
 * of the message id: mailbox sends defer about once per email, and at a million emails an hour one partition per day
 * would take some 280 to 560 writes a second, over the 500 we allow a key. Deferred messages get the same spread.
 * Each take reads every shard, starting from a different one each minute so that none waits behind the others when
 * more is due than one take hands back.
 */
public final class DynamoDbDueMessages implements DueMessages {

    /** Fixed for the table's life: changing it (or the hash) leaves entries in partitions no take reads. */
    static final int SHARDS = 8;
    /** How far back partitions are read: a release job down longer than this leaves messages waiting. */
    private static final int LOOKBACK_DAYS = 2;
    /** Deferred messages wait in day partitions {@code deferred#<day>} until that day's warmup run takes them. */
    private static final String DEFERRED = "deferred#";
    private static final int DEFERRED_LOOKBACK_DAYS = 7;

    private final DynamoDbClient dynamoDb;
    private final String table;

    public DynamoDbDueMessages(DynamoDbClient dynamoDb, String table) {
        this.dynamoDb = dynamoDb;
        this.table = table;
    }

    @Override
    public void schedule(String workspaceId, String messageId, Instant dueAt) {
        dynamoDb.putItem(r -> r.tableName(table).item(Map.of(
                "bucket", AttributeValue.fromS(ShardedKeys.key(bucket(dueAt), ShardedKeys.crc32Shard(messageId, SHARDS))),
                "entry", AttributeValue.fromS(String.format("%013d", dueAt.toEpochMilli()) + "#" + workspaceId + "#" + messageId),
                "expiresAtEpoch", AttributeValue.fromN(Long.toString(dueAt.getEpochSecond() + 30L * 86_400)))));
    }

    @Override
    public List<OutboundQueue.Ticket> takeDue(Instant now, int max) {
        LocalDate today = LocalDate.ofInstant(now, ZoneOffset.UTC);
        List<String> buckets = new ArrayList<>();
        for (int back = LOOKBACK_DAYS; back >= 0; back--) {
            buckets.addAll(shardsOf(today.minusDays(back).toString(), now));
        }
        AttributeValue upToNow = AttributeValue.fromS(String.format("%013d", now.toEpochMilli()) + "#~");
        return takeFrom(buckets, max, (bucket, limit) -> QueryRequest.builder().tableName(table)
                .keyConditionExpression("#bucket = :bucket AND entry <= :now")
                .expressionAttributeNames(Map.of("#bucket", "bucket"))
                .expressionAttributeValues(Map.of(":bucket", AttributeValue.fromS(bucket), ":now", upToNow))
                .limit(limit).build());
    }

    @Override
    public void defer(String workspaceId, String messageId, LocalDate day) {
        dynamoDb.putItem(r -> r.tableName(table).item(Map.of(
                "bucket", AttributeValue.fromS(ShardedKeys.key(DEFERRED + day, ShardedKeys.crc32Shard(messageId, SHARDS))),
                "entry", AttributeValue.fromS("0#" + workspaceId + "#" + messageId),
                "expiresAtEpoch", AttributeValue.fromN(Long.toString(day.plusDays(30).toEpochDay() * 86_400)))));
    }

    @Override
    public List<OutboundQueue.Ticket> takeDeferred(LocalDate day, int max) {
        List<String> buckets = new ArrayList<>();
        for (int back = DEFERRED_LOOKBACK_DAYS; back >= 0; back--) {
            buckets.addAll(shardsOf(DEFERRED + day.minusDays(back), day.atStartOfDay(ZoneOffset.UTC).toInstant()));
        }
        return takeFrom(buckets, max, (bucket, limit) -> QueryRequest.builder().tableName(table)
                .keyConditionExpression("#bucket = :bucket")
                .expressionAttributeNames(Map.of("#bucket", "bucket"))
                .expressionAttributeValues(Map.of(":bucket", AttributeValue.fromS(bucket)))
                .limit(limit).build());
    }

    /** Takes from the buckets in order until {@code max} are taken; {@code query} reads one bucket, at most a limit. */
    private List<OutboundQueue.Ticket> takeFrom(List<String> buckets, int max, BiFunction<String, Integer, QueryRequest> query) {
        List<OutboundQueue.Ticket> due = new ArrayList<>();
        for (String bucket : buckets) {
            if (due.size() >= max) {
                break;
            }
            take(dynamoDb.query(query.apply(bucket, max - due.size())), due);
        }
        return due;
    }

    /** The bucket's shards, from the one this minute starts with: the next one each minute. */
    private static List<String> shardsOf(String bucket, Instant now) {
        int first = (int) Math.floorMod(now.getEpochSecond() / 60, (long) SHARDS);
        List<String> shards = new ArrayList<>(SHARDS);
        for (int i = 0; i < SHARDS; i++) {
            shards.add(ShardedKeys.key(bucket, (first + i) % SHARDS));
        }
        return shards;
    }

    private void take(QueryResponse response, List<OutboundQueue.Ticket> into) {
        for (Map<String, AttributeValue> item : response.items()) {
            String[] parts = item.get("entry").s().split("#", 3);
            into.add(new OutboundQueue.Ticket(parts[1], parts[2]));
            dynamoDb.deleteItem(r -> r.tableName(table).key(Map.of("bucket", item.get("bucket"), "entry", item.get("entry"))));
        }
    }

    private static String bucket(Instant dueAt) {
        return LocalDate.ofInstant(dueAt, ZoneOffset.UTC).toString();
    }
}
