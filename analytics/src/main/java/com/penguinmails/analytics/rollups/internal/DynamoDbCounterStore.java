package com.penguinmails.analytics.rollups.internal;

import com.penguinmails.analytics.rollups.CounterStore;
import com.penguinmails.analytics.rollups.DimensionSet;
import com.penguinmails.analytics.rollups.HourPart;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import software.amazon.awssdk.core.SdkBytes;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.QueryRequest;
import software.amazon.awssdk.services.dynamodb.model.QueryResponse;

/**
 * The {@code rollups} table: {@code workspaceId} / {@code partKey} {@code <set>#<yyyy-MM-ddTHH>#<part, 3 digits>},
 * gzip-compressed JSON counters, so a query of one set over a period is one key range ("campaign#..." sorts apart
 * from "campaign+provider#...": '#' is below '+'). Kept {@link #RETENTION}.
 */
public final class DynamoDbCounterStore implements CounterStore {

    /** How long counters are kept: the longest range a query may ask for, and a little over a year-on-year view. */
    public static final Duration RETENTION = Duration.ofDays(400);
    private static final DateTimeFormatter HOUR = DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH").withZone(ZoneOffset.UTC);

    private final DynamoDbClient dynamoDb;
    private final String table;

    public DynamoDbCounterStore(DynamoDbClient dynamoDb, String table) {
        this.dynamoDb = dynamoDb;
        this.table = table;
    }

    @Override
    public List<HourPart> parts(String workspaceId, DimensionSet set, Instant hour) {
        return parts(workspaceId, set, hour, hour.plus(1, ChronoUnit.HOURS));
    }

    @Override
    public List<HourPart> parts(String workspaceId, DimensionSet set, Instant fromHour, Instant toHour) {
        if (!toHour.isAfter(fromHour)) {
            return List.of();
        }
        QueryRequest request = QueryRequest.builder().tableName(table).consistentRead(true)
                .keyConditionExpression("workspaceId = :ws AND partKey BETWEEN :low AND :high")
                .expressionAttributeValues(Map.of(":ws", AttributeValue.fromS(workspaceId),
                        ":low", AttributeValue.fromS(set.wireName() + "#" + HOUR.format(fromHour) + "#"),
                        ":high", AttributeValue.fromS(set.wireName() + "#" + HOUR.format(toHour.minus(1, ChronoUnit.HOURS)) + "#~")))
                .build();
        List<HourPart> parts = new ArrayList<>();
        for (QueryResponse page : dynamoDb.queryPaginator(request)) {
            for (Map<String, AttributeValue> item : page.items()) {
                String[] key = item.get("partKey").s().split("#");
                parts.add(new HourPart(workspaceId, set, Instant.parse(key[1] + ":00:00Z"), Integer.parseInt(key[2]),
                        RollupJson.valuesOf(item.get("counters").b().asByteArray()), Long.parseLong(item.get("version").n()),
                        Items.instant(item.get("through"))));
            }
        }
        return parts;
    }

    @Override
    public boolean writePart(HourPart next) {
        Map<String, AttributeValue> item = Map.of(
                "workspaceId", AttributeValue.fromS(next.workspaceId()),
                "partKey", AttributeValue.fromS(next.set().wireName() + "#" + HOUR.format(next.hour()) + "#" + String.format("%03d", next.index())),
                "counters", AttributeValue.fromB(SdkBytes.fromByteArray(RollupJson.partOf(next.values()))),
                "version", AttributeValue.fromN(Long.toString(next.version())),
                "through", Items.millis(next.through()),
                "expiresAtEpoch", AttributeValue.fromN(Long.toString(next.hour().plus(RETENTION).getEpochSecond())));
        return Items.putAtVersion(dynamoDb, table, item, "partKey", next.version());
    }
}
