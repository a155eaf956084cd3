package com.penguinmails.analytics.rollups.internal;

import static com.penguinmails.analytics.rollups.internal.Items.instant;
import static com.penguinmails.analytics.rollups.internal.Items.millis;

import com.penguinmails.analytics.rollups.Contribution;
import com.penguinmails.analytics.rollups.FoldState;
import com.penguinmails.analytics.rollups.PackStore;
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
 * The {@code rollup-packs} table: the aggregator's packs under the minute they arrived ({@code packMinute}
 * {@code 2026-11-25T10:07}, {@code packKey} {@code <arrival millis>#<digest of the event ids>}, kept a day), so the
 * fold reads a window as one query per minute; and the fold's state ({@code packMinute} and {@code packKey}
 * {@code fold}).
 */
public final class DynamoDbPackStore implements PackStore {

    private static final Duration PACK_RETENTION = Duration.ofDays(1);
    private static final DateTimeFormatter MINUTE = DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm").withZone(ZoneOffset.UTC);
    private static final String STATE = "fold";

    private final DynamoDbClient dynamoDb;
    private final String table;

    public DynamoDbPackStore(DynamoDbClient dynamoDb, String table) {
        this.dynamoDb = dynamoDb;
        this.table = table;
    }

    @Override
    public void putPack(Instant arrival, List<Contribution> contributions) {
        Map<String, AttributeValue> item = Map.of(
                "packMinute", AttributeValue.fromS(MINUTE.format(arrival)),
                "packKey", AttributeValue.fromS(TimeOrderedKeys.key(arrival, digest(contributions))),
                "contributions", AttributeValue.fromB(SdkBytes.fromByteArray(RollupJson.packOf(contributions))),
                "expiresAtEpoch", AttributeValue.fromN(Long.toString(arrival.plus(PACK_RETENTION).getEpochSecond())));
        try {
            dynamoDb.putItem(r -> r.tableName(table).item(item).conditionExpression("attribute_not_exists(packKey)"));
        } catch (ConditionalCheckFailedException e) {
            // the same pack, written by an attempt that timed out after its write
        }
    }

    @Override
    public List<Contribution> packs(Instant after, Instant through) {
        List<Contribution> contributions = new ArrayList<>();
        for (Instant minute = after.truncatedTo(ChronoUnit.MINUTES); !minute.isAfter(through); minute = minute.plus(1, ChronoUnit.MINUTES)) {
            QueryRequest request = QueryRequest.builder().tableName(table).consistentRead(true)
                    .keyConditionExpression("packMinute = :minute AND packKey BETWEEN :low AND :high")
                    .expressionAttributeValues(Map.of(":minute", AttributeValue.fromS(MINUTE.format(minute)),
                            ":low", AttributeValue.fromS(TimeOrderedKeys.lowest(after.plusMillis(1))),
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
        Map<String, AttributeValue> item = dynamoDb.getItem(r -> r.tableName(table).consistentRead(true)
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
        return Items.putAtVersion(dynamoDb, table, item, "packKey", next.version());
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
