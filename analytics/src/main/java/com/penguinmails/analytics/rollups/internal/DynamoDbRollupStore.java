package com.penguinmails.analytics.rollups.internal;

import com.penguinmails.analytics.rollups.Contribution;
import com.penguinmails.analytics.rollups.DimensionSet;
import com.penguinmails.analytics.rollups.FoldState;
import com.penguinmails.analytics.rollups.HourPart;
import com.penguinmails.analytics.rollups.RollupStore;
import com.penguinmails.core.platform.TimeOrderedKeys;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import software.amazon.awssdk.core.SdkBytes;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.ConditionalCheckFailedException;
import software.amazon.awssdk.services.dynamodb.model.QueryRequest;
import software.amazon.awssdk.services.dynamodb.model.QueryResponse;

/**
 * Two tables. {@code rollup-packs}: the aggregator's packs under the minute they arrived ({@code packMinute}
 * {@code 2026-11-25T10:07}, {@code packKey} {@code <arrival millis>#<digest of the event ids>}, a day's TTL), so the
 * fold reads a window as one query per minute, and the fold's state ({@code packMinute} {@code fold}). {@code rollups}:
 * the counters, {@code workspaceId} / {@code partKey} {@code <set>#<yyyy-MM-ddTHH>#<part, 3 digits>}, so a query of
 * one set over a period is one key range; kept 400 days.
 */
public final class DynamoDbRollupStore implements RollupStore {

    /** How long counters are kept: the longest range a query may ask for, and a little over a year-on-year view. */
    public static final Duration RETENTION = Duration.ofDays(400);
    private static final Duration PACK_RETENTION = Duration.ofDays(1);
    private static final DateTimeFormatter MINUTE = DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm").withZone(ZoneOffset.UTC);
    private static final DateTimeFormatter HOUR = DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH").withZone(ZoneOffset.UTC);
    private static final String STATE = "fold";

    private final DynamoDbClient dynamoDb;
    private final String rollups;
    private final String packs;

    public DynamoDbRollupStore(DynamoDbClient dynamoDb, String rollupsTable, String packsTable) {
        this.dynamoDb = dynamoDb;
        this.rollups = rollupsTable;
        this.packs = packsTable;
    }

    @Override
    public void putPack(Instant arrival, List<Contribution> contributions) {
        Map<String, AttributeValue> item = Map.of(
                "packMinute", AttributeValue.fromS(MINUTE.format(arrival)),
                "packKey", AttributeValue.fromS(TimeOrderedKeys.key(arrival, digest(contributions))),
                "contributions", AttributeValue.fromB(SdkBytes.fromByteArray(RollupJson.packOf(contributions))),
                "expiresAtEpoch", AttributeValue.fromN(Long.toString(arrival.plus(PACK_RETENTION).getEpochSecond())));
        try {
            dynamoDb.putItem(r -> r.tableName(packs).item(item).conditionExpression("attribute_not_exists(packKey)"));
        } catch (ConditionalCheckFailedException e) {
            // the same pack, written by an attempt that timed out after its write
        }
    }

    @Override
    public List<Contribution> packs(Instant after, Instant through) {
        List<Contribution> contributions = new ArrayList<>();
        Instant lowest = after.plusMillis(1);
        for (Instant minute = after.truncatedTo(ChronoUnit.MINUTES); !minute.isAfter(through); minute = minute.plus(1, ChronoUnit.MINUTES)) {
            QueryRequest request = QueryRequest.builder().tableName(packs).consistentRead(true)
                    .keyConditionExpression("packMinute = :minute AND packKey BETWEEN :low AND :high")
                    .expressionAttributeValues(Map.of(":minute", AttributeValue.fromS(MINUTE.format(minute)),
                            ":low", AttributeValue.fromS(TimeOrderedKeys.lowest(lowest)),
                            ":high", AttributeValue.fromS(TimeOrderedKeys.highest(through))))
                    .build();
            for (QueryResponse page : dynamoDb.queryPaginator(request)) {
                page.items().forEach(item -> contributions.addAll(RollupJson.contributionsOf(item.get("contributions").b().asByteArray())));
            }
        }
        return contributions;
    }

    @Override
    public Optional<FoldState> foldState() {
        Map<String, AttributeValue> item = dynamoDb.getItem(r -> r.tableName(packs).consistentRead(true)
                .key(Map.of("packMinute", AttributeValue.fromS(STATE), "packKey", AttributeValue.fromS(STATE)))).item();
        if (item == null || item.isEmpty()) {
            return Optional.empty();
        }
        return Optional.of(new FoldState(instant(item.get("watermark")), item.containsKey("pending") ? instant(item.get("pending")) : null,
                item.containsKey("leaseOwner") ? item.get("leaseOwner").s() : null, instant(item.get("leaseUntil")),
                Long.parseLong(item.get("version").n())));
    }

    @Override
    public boolean saveFoldState(FoldState next) {
        Map<String, AttributeValue> item = new HashMap<>();
        item.put("packMinute", AttributeValue.fromS(STATE));
        item.put("packKey", AttributeValue.fromS(STATE));
        item.put("watermark", millis(next.watermark()));
        if (next.pending() != null) {
            item.put("pending", millis(next.pending()));
        }
        if (next.leaseOwner() != null) {
            item.put("leaseOwner", AttributeValue.fromS(next.leaseOwner()));
        }
        item.put("leaseUntil", millis(next.leaseUntil()));
        item.put("version", AttributeValue.fromN(Long.toString(next.version())));
        return conditionalPut(packs, item, "packKey", next.version());
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
        QueryRequest request = QueryRequest.builder().tableName(rollups).consistentRead(true)
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
                        instant(item.get("through"))));
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
                "through", millis(next.through()),
                "expiresAtEpoch", AttributeValue.fromN(Long.toString(next.hour().plus(RETENTION).getEpochSecond())));
        return conditionalPut(rollups, item, "partKey", next.version());
    }

    /** Puts the item if the stored one is at {@code version - 1} (version 1: if there is none). */
    private boolean conditionalPut(String table, Map<String, AttributeValue> item, String sortKey, long version) {
        try {
            if (version <= 1) {
                dynamoDb.putItem(r -> r.tableName(table).item(item).conditionExpression("attribute_not_exists(" + sortKey + ")"));
            } else {
                dynamoDb.putItem(r -> r.tableName(table).item(item).conditionExpression("version = :previous")
                        .expressionAttributeValues(Map.of(":previous", AttributeValue.fromN(Long.toString(version - 1)))));
            }
            return true;
        } catch (ConditionalCheckFailedException e) {
            return false;
        }
    }

    private static AttributeValue millis(Instant instant) {
        return AttributeValue.fromN(Long.toString(instant.toEpochMilli()));
    }

    private static Instant instant(AttributeValue value) {
        return value == null ? Instant.EPOCH : Instant.ofEpochMilli(Long.parseLong(value.n()));
    }

    /** The same contributions make the same pack key within a millisecond; an attempt retried later is another pack. */
    private static String digest(List<Contribution> contributions) {
        try {
            MessageDigest sha = MessageDigest.getInstance("SHA-256");
            contributions.forEach(c -> sha.update((c.eventId() + "\n").getBytes(StandardCharsets.UTF_8)));
            return HexFormat.of().formatHex(sha.digest()).substring(0, 24);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is in every JVM", e);
        }
    }
}
