package com.penguinmails.sending.messages.internal;

import com.penguinmails.sending.messages.DueMessages;
import com.penguinmails.sending.messages.OutboundQueue;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.QueryResponse;

/**
 * Scheduled messages: one partition per UTC day of the due time, sorted by {@code <due millis>#<workspace>#<message>}, so "what is due
 * now" is a range query on today's and yesterday's partitions. Taking an item deletes it; if the enqueue
 * before that delete is repeated, the sender's claim makes the second one a no-op.
 */
public final class DynamoDbDueMessages implements DueMessages {

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
                "bucket", AttributeValue.fromS(bucket(dueAt)),
                "entry", AttributeValue.fromS(String.format("%013d", dueAt.toEpochMilli()) + "#" + workspaceId + "#" + messageId),
                "expiresAtEpoch", AttributeValue.fromN(Long.toString(dueAt.getEpochSecond() + 30L * 86_400)))));
    }

    @Override
    public List<OutboundQueue.Ticket> takeDue(Instant now, int max) {
        List<OutboundQueue.Ticket> due = new ArrayList<>();
        LocalDate today = LocalDate.ofInstant(now, ZoneOffset.UTC);
        for (int back = LOOKBACK_DAYS; back >= 0 && due.size() < max; back--) {
            String bucket = today.minusDays(back).toString();
            QueryResponse response = dynamoDb.query(r -> r.tableName(table)
                    .keyConditionExpression("#bucket = :bucket AND entry <= :now")
                    .expressionAttributeNames(Map.of("#bucket", "bucket"))
                    .expressionAttributeValues(Map.of(":bucket", AttributeValue.fromS(bucket),
                            ":now", AttributeValue.fromS(String.format("%013d", now.toEpochMilli()) + "#~")))
                    .limit(max - due.size()));
            take(response, due);
        }
        return due;
    }

    @Override
    public void defer(String workspaceId, String messageId, LocalDate day) {
        dynamoDb.putItem(r -> r.tableName(table).item(Map.of(
                "bucket", AttributeValue.fromS(DEFERRED + day),
                "entry", AttributeValue.fromS("0#" + workspaceId + "#" + messageId),
                "expiresAtEpoch", AttributeValue.fromN(Long.toString(day.plusDays(30).toEpochDay() * 86_400)))));
    }

    @Override
    public List<OutboundQueue.Ticket> takeDeferred(LocalDate day, int max) {
        List<OutboundQueue.Ticket> due = new ArrayList<>();
        for (int back = DEFERRED_LOOKBACK_DAYS; back >= 0 && due.size() < max; back--) {
            String bucket = DEFERRED + day.minusDays(back);
            QueryResponse response = dynamoDb.query(r -> r.tableName(table)
                    .keyConditionExpression("#bucket = :bucket")
                    .expressionAttributeNames(Map.of("#bucket", "bucket"))
                    .expressionAttributeValues(Map.of(":bucket", AttributeValue.fromS(bucket)))
                    .limit(max - due.size()));
            take(response, due);
        }
        return due;
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
