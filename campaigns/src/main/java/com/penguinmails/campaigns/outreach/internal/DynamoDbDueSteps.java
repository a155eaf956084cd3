package com.penguinmails.campaigns.outreach.internal;

import com.penguinmails.campaigns.outreach.DueStep;
import com.penguinmails.campaigns.outreach.DueSteps;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.QueryResponse;

/**
 * The calendar in one table: {@code due#<yyyy-MM-ddTHH>} (UTC) / {@code <due millis, 13 digits>#<workspace>#<campaign>#<contact>#<step>},
 * so an hour's due steps are one query in time order; {@code held#<workspace>#<campaign>} holds a paused campaign's
 * steps under the same entry; {@code sequencer} / {@code watermark} the first hour the next run reads.
 */
public final class DynamoDbDueSteps implements DueSteps {

    private static final DateTimeFormatter HOUR = DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH").withZone(ZoneOffset.UTC);

    /** Both key names are DynamoDB reserved words. */
    private static final Map<String, String> NAMES = Map.of("#bucket", "bucket", "#entry", "entry");

    private final DynamoDbClient dynamoDb;
    private final String table;

    public DynamoDbDueSteps(DynamoDbClient dynamoDb, String table) {
        this.dynamoDb = dynamoDb;
        this.table = table;
    }

    @Override
    public void schedule(DueStep step) {
        put(calendarBucket(step.dueAt()), step);
    }

    @Override
    public List<DueStep> due(Instant hour, Instant upTo, int limit) {
        String bucket = calendarBucket(hour);
        String last = millis(upTo) + "#~";
        List<DueStep> due = new ArrayList<>();
        Map<String, AttributeValue> start = null;
        do {
            Map<String, AttributeValue> from = start;
            int want = limit - due.size();
            QueryResponse response = dynamoDb.query(r -> r.tableName(table).keyConditionExpression("#bucket = :b AND #entry <= :last")
                    .expressionAttributeNames(NAMES).expressionAttributeValues(Map.of(":b", AttributeValue.fromS(bucket), ":last", AttributeValue.fromS(last)))
                    .consistentRead(true).exclusiveStartKey(from).limit(want));
            response.items().forEach(item -> due.add(parse(item.get("entry").s())));
            start = response.lastEvaluatedKey() == null || response.lastEvaluatedKey().isEmpty() ? null : response.lastEvaluatedKey();
        } while (start != null && due.size() < limit);
        return due;
    }

    @Override
    public void remove(DueStep step) {
        delete(calendarBucket(step.dueAt()), step);
    }

    @Override
    public void hold(DueStep step) {
        put(heldBucket(step.workspaceId(), step.campaignId()), step);
        remove(step);
    }

    @Override
    public List<DueStep> held(String workspaceId, String campaignId) {
        return dynamoDb.queryPaginator(r -> r.tableName(table).keyConditionExpression("#bucket = :b")
                        .expressionAttributeNames(Map.of("#bucket", "bucket"))
                        .expressionAttributeValues(Map.of(":b", AttributeValue.fromS(heldBucket(workspaceId, campaignId)))).consistentRead(true))
                .items().stream().map(item -> parse(item.get("entry").s())).toList();
    }

    @Override
    public void release(DueStep step) {
        delete(heldBucket(step.workspaceId(), step.campaignId()), step);
    }

    @Override
    public Optional<Instant> watermark() {
        Map<String, AttributeValue> item = dynamoDb.getItem(r -> r.tableName(table).consistentRead(true)
                .key(Map.of("bucket", AttributeValue.fromS("sequencer"), "entry", AttributeValue.fromS("watermark")))).item();
        return item == null || item.isEmpty() ? Optional.empty() : Optional.of(Instant.parse(item.get("hour").s()));
    }

    @Override
    public void advanceWatermark(Instant hour) {
        // Only forward: two runs at once may both advance it, and the later hour wins.
        try {
            dynamoDb.putItem(r -> r.tableName(table).item(Map.of("bucket", AttributeValue.fromS("sequencer"),
                            "entry", AttributeValue.fromS("watermark"), "hour", AttributeValue.fromS(hour.toString()),
                            "hourMillis", AttributeValue.fromN(Long.toString(hour.toEpochMilli()))))
                    .conditionExpression("attribute_not_exists(hourMillis) OR hourMillis < :h")
                    .expressionAttributeValues(Map.of(":h", AttributeValue.fromN(Long.toString(hour.toEpochMilli())))));
        } catch (software.amazon.awssdk.services.dynamodb.model.ConditionalCheckFailedException e) {
            // another run got further
        }
    }

    private void put(String bucket, DueStep step) {
        dynamoDb.putItem(r -> r.tableName(table).item(Map.of("bucket", AttributeValue.fromS(bucket), "entry", AttributeValue.fromS(entry(step)))));
    }

    private void delete(String bucket, DueStep step) {
        dynamoDb.deleteItem(r -> r.tableName(table).key(Map.of("bucket", AttributeValue.fromS(bucket), "entry", AttributeValue.fromS(entry(step)))));
    }

    private static String calendarBucket(Instant at) {
        return "due#" + HOUR.format(at.truncatedTo(ChronoUnit.HOURS));
    }

    private static String heldBucket(String workspaceId, String campaignId) {
        return "held#" + workspaceId + "#" + campaignId;
    }

    private static String millis(Instant at) {
        String millis = Long.toString(at.toEpochMilli());
        return "0".repeat(Math.max(0, 13 - millis.length())) + millis;
    }

    private static String entry(DueStep step) {
        return millis(step.dueAt()) + "#" + step.workspaceId() + "#" + step.campaignId() + "#" + step.contactId() + "#" + step.step();
    }

    private static DueStep parse(String entry) {
        String[] parts = entry.split("#");
        return new DueStep(parts[1], parts[2], parts[3], Integer.parseInt(parts[4]), Instant.ofEpochMilli(Long.parseLong(parts[0])));
    }
}
