package com.penguinmails.benchmarks;

import com.penguinmails.catalog.TableSpec;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.DoubleAdder;
import java.util.concurrent.atomic.LongAdder;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import software.amazon.awssdk.core.SdkRequest;
import software.amazon.awssdk.core.SdkResponse;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.BatchGetItemRequest;
import software.amazon.awssdk.services.dynamodb.model.BatchGetItemResponse;
import software.amazon.awssdk.services.dynamodb.model.BatchWriteItemRequest;
import software.amazon.awssdk.services.dynamodb.model.BatchWriteItemResponse;
import software.amazon.awssdk.services.dynamodb.model.ConditionalCheckFailedException;
import software.amazon.awssdk.services.dynamodb.model.ConsumedCapacity;
import software.amazon.awssdk.services.dynamodb.model.DeleteItemRequest;
import software.amazon.awssdk.services.dynamodb.model.DeleteItemResponse;
import software.amazon.awssdk.services.dynamodb.model.GetItemRequest;
import software.amazon.awssdk.services.dynamodb.model.GetItemResponse;
import software.amazon.awssdk.services.dynamodb.model.KeysAndAttributes;
import software.amazon.awssdk.services.dynamodb.model.PutItemRequest;
import software.amazon.awssdk.services.dynamodb.model.PutItemResponse;
import software.amazon.awssdk.services.dynamodb.model.QueryRequest;
import software.amazon.awssdk.services.dynamodb.model.QueryResponse;
import software.amazon.awssdk.services.dynamodb.model.ReturnConsumedCapacity;
import software.amazon.awssdk.services.dynamodb.model.ScanRequest;
import software.amazon.awssdk.services.dynamodb.model.ScanResponse;
import software.amazon.awssdk.services.dynamodb.model.TransactGetItemsRequest;
import software.amazon.awssdk.services.dynamodb.model.TransactGetItemsResponse;
import software.amazon.awssdk.services.dynamodb.model.TransactWriteItem;
import software.amazon.awssdk.services.dynamodb.model.TransactWriteItemsRequest;
import software.amazon.awssdk.services.dynamodb.model.TransactWriteItemsResponse;
import software.amazon.awssdk.services.dynamodb.model.TransactionCanceledException;
import software.amazon.awssdk.services.dynamodb.model.UpdateItemRequest;
import software.amazon.awssdk.services.dynamodb.model.UpdateItemResponse;
import software.amazon.awssdk.services.dynamodb.model.WriteRequest;

/**
 * What the functions' DynamoDB calls would be billed, on-demand, and where the load lands. Every data call asks for
 * ReturnConsumedCapacity=TOTAL; what dynalite reports is raised to DynamoDB's billing floors, because dynalite
 * reports 0 for an empty Query and nothing for a failed conditional write, while DynamoDB bills
 * <ul>
 *   <li>each item read by GetItem/BatchGetItem at least one 4 KB unit (0.5 RRU eventually consistent, 1 strongly
 *       consistent), found or not; each Query/Scan request at least one such unit;</li>
 *   <li>each item written by PutItem/UpdateItem/DeleteItem/BatchWriteItem at least 1 WRU, failed conditional writes
 *       too;</li>
 *   <li>transactions twice that, per item.</li>
 * </ul>
 * Units are also added up per partition key (table and partition key value, read from the request) and per item
 * (table and full key), from the catalog's key schemas, so the hottest key's share of the load shows whatever the
 * tables look like.
 */
final class DynamoDbUsage {

    private static final double READ_FLOOR_EVENTUAL = 0.5;
    private static final double READ_FLOOR_STRONG = 1.0;
    private static final double WRITE_FLOOR = 1.0;
    private static final double TRANSACTION_FACTOR = 2.0;
    /** {@code #name = :value} or {@code name = :value} in a key condition. */
    private static final Pattern EQUALITY = Pattern.compile("(#?[A-Za-z0-9_]+)\\s*=\\s*(:[A-Za-z0-9_]+)");

    /** A partition key, or an item when {@code sortKey} is set; values as DynamoDB holds them (strings). */
    record Key(String table, String partition, String sortKey) {
        Key partitionOnly() {
            return new Key(table, partition, null);
        }
    }

    /** Read and write units that landed somewhere. */
    static final class Units {
        final DoubleAdder read = new DoubleAdder();
        final DoubleAdder write = new DoubleAdder();
    }

    /** The hottest key for reads or writes: which, and its units. */
    record Hottest(Key key, double units) {}

    private final Map<String, TableSpec> tablesByPhysicalName;
    private final DoubleAdder read = new DoubleAdder();
    private final DoubleAdder write = new DoubleAdder();
    private final DoubleAdder addedByFloors = new DoubleAdder();
    private final LongAdder readRequests = new LongAdder();
    private final LongAdder writeRequests = new LongAdder();
    private final LongAdder failedConditions = new LongAdder();
    private final Map<String, DoubleAdder> unitsByCall = new ConcurrentHashMap<>();
    private final Map<Key, Units> byPartition = new ConcurrentHashMap<>();
    private final Map<Key, Units> byItem = new ConcurrentHashMap<>();

    /** @param tablesByPhysicalName the catalog's tables by the names the functions call them (pm-local-...) */
    DynamoDbUsage(Map<String, TableSpec> tablesByPhysicalName) {
        this.tablesByPhysicalName = Map.copyOf(tablesByPhysicalName);
    }

    static SdkRequest withConsumedCapacity(SdkRequest r) {
        ReturnConsumedCapacity total = ReturnConsumedCapacity.TOTAL;
        if (r instanceof PutItemRequest p) {
            return p.toBuilder().returnConsumedCapacity(total).build();
        } else if (r instanceof UpdateItemRequest u) {
            return u.toBuilder().returnConsumedCapacity(total).build();
        } else if (r instanceof DeleteItemRequest d) {
            return d.toBuilder().returnConsumedCapacity(total).build();
        } else if (r instanceof GetItemRequest g) {
            return g.toBuilder().returnConsumedCapacity(total).build();
        } else if (r instanceof QueryRequest q) {
            return q.toBuilder().returnConsumedCapacity(total).build();
        } else if (r instanceof ScanRequest s) {
            return s.toBuilder().returnConsumedCapacity(total).build();
        } else if (r instanceof BatchWriteItemRequest b) {
            return b.toBuilder().returnConsumedCapacity(total).build();
        } else if (r instanceof BatchGetItemRequest b) {
            return b.toBuilder().returnConsumedCapacity(total).build();
        } else if (r instanceof TransactWriteItemsRequest t) {
            return t.toBuilder().returnConsumedCapacity(total).build();
        } else if (r instanceof TransactGetItemsRequest t) {
            return t.toBuilder().returnConsumedCapacity(total).build();
        }
        return r;
    }

    /** A call that answered. */
    void succeeded(String operation, SdkRequest request, SdkResponse response) {
        if (request instanceof PutItemRequest p && response instanceof PutItemResponse r) {
            writeRequests.increment();
            written(operation, p.tableName(), key(p.tableName(), p.item()), reported(r.consumedCapacity()), WRITE_FLOOR);
        } else if (request instanceof UpdateItemRequest u && response instanceof UpdateItemResponse r) {
            writeRequests.increment();
            written(operation, u.tableName(), key(u.tableName(), u.key()), reported(r.consumedCapacity()), WRITE_FLOOR);
        } else if (request instanceof DeleteItemRequest d && response instanceof DeleteItemResponse r) {
            writeRequests.increment();
            written(operation, d.tableName(), key(d.tableName(), d.key()), reported(r.consumedCapacity()), WRITE_FLOOR);
        } else if (request instanceof GetItemRequest g && response instanceof GetItemResponse r) {
            readRequests.increment();
            readOf(operation, g.tableName(), key(g.tableName(), g.key()), reported(r.consumedCapacity()), readFloor(g.consistentRead()));
        } else if (request instanceof QueryRequest q && response instanceof QueryResponse r) {
            readRequests.increment();
            Key partition = new Key(q.tableName(), queriedPartition(q).orElse("(not found in the key condition)"), null);
            readOf(operation, q.tableName(), partition, reported(r.consumedCapacity()), readFloor(q.consistentRead()));
        } else if (request instanceof ScanRequest s && response instanceof ScanResponse r) {
            readRequests.increment();
            readOf(operation, s.tableName(), new Key(s.tableName(), "(scan)", null), reported(r.consumedCapacity()),
                    readFloor(s.consistentRead()));
        } else if (request instanceof BatchGetItemRequest b && response instanceof BatchGetItemResponse r) {
            readRequests.increment();
            b.requestItems().forEach((table, keys) -> {
                List<Key> items = keys.keys().stream().map(k -> key(table, k)).toList();
                spread(items, reportedFor(table, r.consumedCapacity()), readFloor(keys.consistentRead()),
                        (item, units) -> readOf(operation, table, item, units, 0));
            });
        } else if (request instanceof BatchWriteItemRequest b && response instanceof BatchWriteItemResponse r) {
            writeRequests.increment();
            b.requestItems().forEach((table, writes) -> {
                List<WriteRequest> unprocessed = r.unprocessedItems().getOrDefault(table, List.of());
                List<Key> items = writes.stream().filter(w -> !unprocessed.contains(w)).map(w -> key(table, w)).toList();
                spread(items, reportedFor(table, r.consumedCapacity()), WRITE_FLOOR,
                        (item, units) -> written(operation, table, item, units, 0));
            });
        } else if (request instanceof TransactWriteItemsRequest t && response instanceof TransactWriteItemsResponse r) {
            writeRequests.increment();
            transactWritten(operation, t, r.consumedCapacity());
        } else if (request instanceof TransactGetItemsRequest t && response instanceof TransactGetItemsResponse r) {
            readRequests.increment();
            t.transactItems().forEach(i -> {
                String table = i.get().tableName();
                readOf(operation, table, key(table, i.get().key()), 0, READ_FLOOR_STRONG * TRANSACTION_FACTOR);
            });
        }
    }

    /** A call that failed: only failed conditions are billed (as writes); throttling and errors are not. */
    void failed(String operation, SdkRequest request, Throwable exception) {
        if (exception instanceof ConditionalCheckFailedException) {
            String table = tableOf(request);
            Map<String, AttributeValue> keyValues = request instanceof PutItemRequest p ? p.item()
                    : request instanceof UpdateItemRequest u ? u.key()
                    : request instanceof DeleteItemRequest d ? d.key() : Map.of();
            writeRequests.increment();
            failedConditions.increment();
            written(operation + "(condition failed)", table, key(table, keyValues), 0, WRITE_FLOOR);
        } else if (exception instanceof TransactionCanceledException && request instanceof TransactWriteItemsRequest t) {
            writeRequests.increment();
            failedConditions.increment();
            transactWritten(operation + "(cancelled)", t, List.of());
        }
    }

    private void transactWritten(String operation, TransactWriteItemsRequest t, List<ConsumedCapacity> reported) {
        for (TransactWriteItem item : t.transactItems()) {
            String table;
            Map<String, AttributeValue> keyValues;
            if (item.put() != null) {
                table = item.put().tableName();
                keyValues = item.put().item();
            } else if (item.update() != null) {
                table = item.update().tableName();
                keyValues = item.update().key();
            } else if (item.delete() != null) {
                table = item.delete().tableName();
                keyValues = item.delete().key();
            } else {
                table = item.conditionCheck().tableName();
                keyValues = item.conditionCheck().key();
            }
            written(operation, table, key(table, keyValues), 0, WRITE_FLOOR * TRANSACTION_FACTOR);
        }
    }

    private interface Charge {
        void charge(Key item, double units);
    }

    /** A batch's units for one table, spread evenly over its items, each raised to the floor. */
    private void spread(List<Key> items, double reported, double floor, Charge charge) {
        if (items.isEmpty()) {
            return;
        }
        double each = reported / items.size();
        for (Key item : items) {
            addedByFloors.add(Math.max(0, floor - each));
            charge.charge(item, Math.max(each, floor));
        }
    }

    private void written(String operation, String table, Key item, double reported, double floor) {
        double units = Math.max(reported, floor);
        addedByFloors.add(units - reported);
        write.add(units);
        perCall(operation, table).add(units);
        byItem.computeIfAbsent(item, k -> new Units()).write.add(units);
        byPartition.computeIfAbsent(item.partitionOnly(), k -> new Units()).write.add(units);
    }

    private void readOf(String operation, String table, Key where, double reported, double floor) {
        double units = Math.max(reported, floor);
        addedByFloors.add(units - reported);
        read.add(units);
        perCall(operation, table).add(units);
        if (where.sortKey() != null) {
            byItem.computeIfAbsent(where, k -> new Units()).read.add(units);
        }
        byPartition.computeIfAbsent(where.partitionOnly(), k -> new Units()).read.add(units);
    }

    private DoubleAdder perCall(String operation, String table) {
        return unitsByCall.computeIfAbsent(operation + " " + table.replaceFirst("^pm-local-", ""), k -> new DoubleAdder());
    }

    private static double readFloor(Boolean consistentRead) {
        return Boolean.TRUE.equals(consistentRead) ? READ_FLOOR_STRONG : READ_FLOOR_EVENTUAL;
    }

    private static double reported(ConsumedCapacity capacity) {
        return capacity == null || capacity.capacityUnits() == null ? 0 : capacity.capacityUnits();
    }

    private static double reportedFor(String table, List<ConsumedCapacity> capacities) {
        return capacities == null ? 0 : capacities.stream().filter(c -> table.equals(c.tableName()))
                .mapToDouble(DynamoDbUsage::reported).sum();
    }

    private Key key(String table, WriteRequest write) {
        return write.putRequest() != null ? key(table, write.putRequest().item()) : key(table, write.deleteRequest().key());
    }

    /** The item's key as the table's key schema says; an unknown table keeps its name and "(key unknown)". */
    private Key key(String table, Map<String, AttributeValue> attributes) {
        TableSpec spec = tablesByPhysicalName.get(table);
        if (spec == null) {
            return new Key(table, "(key schema unknown)", "(key schema unknown)");
        }
        String sort = spec.sortKey() == null ? "" : text(attributes.get(spec.sortKey()));
        return new Key(table, text(attributes.get(spec.partitionKey())), sort);
    }

    /** The partition a Query reads: the equality on the table's (or index's) partition key in its key condition. */
    private Optional<String> queriedPartition(QueryRequest q) {
        TableSpec spec = tablesByPhysicalName.get(q.tableName());
        if (spec == null) {
            return Optional.empty();
        }
        String partitionKey = q.indexName() == null ? spec.partitionKey() : spec.indexes().stream()
                .filter(i -> i.name().equals(q.indexName())).map(TableSpec.IndexSpec::partitionKey).findFirst().orElse(null);
        if (partitionKey == null) {
            return Optional.empty();
        }
        if (q.hasKeyConditions() && q.keyConditions().containsKey(partitionKey)) {
            return q.keyConditions().get(partitionKey).attributeValueList().stream().findFirst().map(DynamoDbUsage::text);
        }
        if (q.keyConditionExpression() == null) {
            return Optional.empty();
        }
        Matcher m = EQUALITY.matcher(q.keyConditionExpression());
        while (m.find()) {
            String name = m.group(1).startsWith("#") ? q.expressionAttributeNames().get(m.group(1)) : m.group(1);
            if (partitionKey.equals(name)) {
                return Optional.ofNullable(q.expressionAttributeValues().get(m.group(2))).map(DynamoDbUsage::text);
            }
        }
        return Optional.empty();
    }

    private static String tableOf(SdkRequest request) {
        if (request instanceof PutItemRequest p) {
            return p.tableName();
        } else if (request instanceof UpdateItemRequest u) {
            return u.tableName();
        } else if (request instanceof DeleteItemRequest d) {
            return d.tableName();
        }
        return "?";
    }

    private static String text(AttributeValue value) {
        if (value == null) {
            return "(missing)";
        }
        if (value.s() != null) {
            return value.s();
        }
        if (value.n() != null) {
            return value.n();
        }
        return value.b() != null ? value.b().asUtf8String() : value.toString();
    }

    double readUnits() {
        return read.sum();
    }

    double writeUnits() {
        return write.sum();
    }

    /** What the billing floors added to what dynalite reported, read and write together. */
    double unitsAddedByFloors() {
        return addedByFloors.sum();
    }

    long readRequests() {
        return readRequests.sum();
    }

    long writeRequests() {
        return writeRequests.sum();
    }

    long failedConditions() {
        return failedConditions.sum();
    }

    /** Units per email by "Operation table", largest first. */
    String breakdown(long emails) {
        return unitsByCall.entrySet().stream()
                .sorted((a, b) -> Double.compare(b.getValue().sum(), a.getValue().sum()))
                .filter(e -> e.getValue().sum() / emails >= 0.005)
                .map(e -> String.format(Locale.ROOT, "%s %.2f", e.getKey(), e.getValue().sum() / emails))
                .reduce((a, b) -> a + ", " + b).orElse("none");
    }

    /** The {@code count} keys with the most write (or read) units, most first. */
    List<Hottest> hottest(boolean items, boolean writes, int count) {
        Map<Key, Units> source = items ? byItem : byPartition;
        List<Hottest> all = new ArrayList<>();
        source.forEach((key, units) -> all.add(new Hottest(key, writes ? units.write.sum() : units.read.sum())));
        return all.stream().filter(h -> h.units() > 0).sorted(Comparator.comparingDouble(Hottest::units).reversed()).limit(count).toList();
    }
}
