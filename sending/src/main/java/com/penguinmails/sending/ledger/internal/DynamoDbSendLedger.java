package com.penguinmails.sending.ledger.internal;

import com.penguinmails.sending.ledger.DailyCounts;
import com.penguinmails.sending.ledger.DeliveryCounts;
import com.penguinmails.sending.ledger.SendLedger;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.ConditionalCheckFailedException;

/**
 * Partition per resource, sort key the ISO day; counters are ADDed, the cap is a condition on {@code sent}. Senders
 * reserve blocks of units ({@link #reserveUpTo}) rather than one per email, so the row of a busy IP's day takes about
 * one write per batch of sends, not one per email.
 */
public final class DynamoDbSendLedger implements SendLedger {

    /**
     * Prefix of a pending mark's attribute: {@code pending:<event key>} = the attempt whose count is in the row but not
     * yet committed on the message. Marks live only while an ingest is under way (or after one stopped halfway), so
     * the row stays small.
     */
    private static final String PENDING = "pending:";
    /** Marks per write: keeps expressions well under DynamoDB's 4 KB and the item small. */
    private static final int MARKS_PER_WRITE = 25;
    /** Rounds of a block reservation that finds fewer units left than it asked for (see reserveUpTo). */
    private static final int RESERVE_ROUNDS = 4;
    private static final String[] OUTCOMES = {"delivered", "hardBounces", "softBounces", "complaints", "deferrals", "opens", "unsubscribes"};

    private final DynamoDbClient dynamoDb;
    private final String table;

    public DynamoDbSendLedger(DynamoDbClient dynamoDb, String table) {
        this.dynamoDb = dynamoDb;
        this.table = table;
    }

    @Override
    public boolean reserve(String resourceId, LocalDate day, long cap) {
        if (cap <= 0) {
            return false;
        }
        try {
            dynamoDb.updateItem(r -> r.tableName(table).key(key(resourceId, day))
                    .updateExpression("ADD sent :one")
                    .conditionExpression("attribute_not_exists(sent) OR sent < :cap")
                    .expressionAttributeValues(Map.of(":one", n(1), ":cap", n(cap))));
            return true;
        } catch (ConditionalCheckFailedException e) {
            return false;
        }
    }

    @Override
    public void unreserve(String resourceId, LocalDate day) {
        try {
            dynamoDb.updateItem(r -> r.tableName(table).key(key(resourceId, day))
                    .updateExpression("ADD sent :minusOne")
                    .conditionExpression("sent > :zero")
                    .expressionAttributeValues(Map.of(":minusOne", n(-1), ":zero", n(0))));
        } catch (ConditionalCheckFailedException e) {
            // Nothing reserved: nothing to give back.
        }
    }

    @Override
    public long reserveUpTo(String resourceId, LocalDate day, long cap, long wanted) {
        long ask = Math.min(wanted, cap);
        // A few rounds: each lost race means other senders took units in between; out of rounds, none (fewer, never more).
        for (int round = 0; round < RESERVE_ROUNDS && ask > 0; round++) {
            long units = ask;
            try {
                dynamoDb.updateItem(r -> r.tableName(table).key(key(resourceId, day))
                        .updateExpression("ADD sent :units")
                        .conditionExpression("attribute_not_exists(sent) OR sent <= :most")
                        .expressionAttributeValues(Map.of(":units", n(units), ":most", n(cap - units))));
                return units;
            } catch (ConditionalCheckFailedException e) {
                // Fewer than asked are left: how many, read consistently, then try for those.
                ask = Math.min(wanted, cap - sent(resourceId, day));
            }
        }
        return 0;
    }

    private long sent(String resourceId, LocalDate day) {
        Map<String, AttributeValue> item = dynamoDb.getItem(r -> r.tableName(table).key(key(resourceId, day)).consistentRead(true)
                .projectionExpression("sent")).item();
        return item == null || !item.containsKey("sent") ? 0 : Long.parseLong(item.get("sent").n());
    }

    @Override
    public void giveBack(String resourceId, LocalDate day, long units) {
        if (units <= 0) {
            return;
        }
        try {
            dynamoDb.updateItem(r -> r.tableName(table).key(key(resourceId, day))
                    .updateExpression("ADD sent :minus")
                    .conditionExpression("sent >= :units")
                    .expressionAttributeValues(Map.of(":minus", n(-units), ":units", n(units))));
        } catch (ConditionalCheckFailedException e) {
            // Fewer counted than given back: they were never reserved here; nothing to give back.
        }
    }

    @Override
    public void record(String resourceId, LocalDate day, DeliveryCounts delta) {
        long[] values = {delta.delivered(), delta.hardBounces(), delta.softBounces(), delta.complaints(), delta.deferrals(),
                delta.opens(), delta.unsubscribes()};
        List<String> adds = new ArrayList<>();
        Map<String, AttributeValue> expressionValues = new HashMap<>();
        for (int i = 0; i < OUTCOMES.length; i++) {
            if (values[i] != 0) {
                adds.add(OUTCOMES[i] + " :v" + i);
                expressionValues.put(":v" + i, n(values[i]));
            }
        }
        if (adds.isEmpty()) {
            return;
        }
        dynamoDb.updateItem(r -> r.tableName(table).key(key(resourceId, day))
                .updateExpression("ADD " + String.join(", ", adds))
                .expressionAttributeValues(expressionValues));
    }

    @Override
    public Map<String, String> addPending(String resourceId, LocalDate day, Map<String, DeliveryCounts> byEventKey, String attempt) {
        Map<String, String> holders = new LinkedHashMap<>();
        List<Map.Entry<String, DeliveryCounts>> events = new ArrayList<>(byEventKey.entrySet());
        for (int from = 0; from < events.size(); from += MARKS_PER_WRITE) {
            List<Map.Entry<String, DeliveryCounts>> chunk = events.subList(from, Math.min(events.size(), from + MARKS_PER_WRITE));
            if (chunk.size() > 1 && tryAddPending(resourceId, day, chunk, attempt)) {
                chunk.forEach(e -> holders.put(e.getKey(), attempt));
                continue;
            }
            // Some event of the chunk is marked already (an earlier attempt stopped halfway): one by one.
            for (Map.Entry<String, DeliveryCounts> event : chunk) {
                holders.put(event.getKey(), addOnePending(resourceId, day, event, attempt));
            }
        }
        return holders;
    }

    private String addOnePending(String resourceId, LocalDate day, Map.Entry<String, DeliveryCounts> event, String attempt) {
        for (int tries = 0; tries < 3; tries++) {
            if (tryAddPending(resourceId, day, List.of(event), attempt)) {
                return attempt;
            }
            Optional<String> holder = pendingAttempt(resourceId, day, event.getKey());
            if (holder.isPresent()) {
                return holder.get();
            }
            // The mark went away between the two calls (its attempt settled it): try again.
        }
        throw new IllegalStateException("the pending mark of event " + event.getKey() + " on " + resourceId + " " + day + " keeps changing");
    }

    private boolean tryAddPending(String resourceId, LocalDate day, List<Map.Entry<String, DeliveryCounts>> events, String attempt) {
        DeliveryCounts sum = DeliveryCounts.ZERO;
        Map<String, String> names = new HashMap<>();
        List<String> sets = new ArrayList<>();
        List<String> conditions = new ArrayList<>();
        for (int i = 0; i < events.size(); i++) {
            names.put("#p" + i, PENDING + events.get(i).getKey());
            sets.add("#p" + i + " = :attempt");
            conditions.add("attribute_not_exists(#p" + i + ")");
            sum = sum.plus(events.get(i).getValue());
        }
        Map<String, AttributeValue> values = new HashMap<>();
        values.put(":attempt", AttributeValue.fromS(attempt));
        List<String> adds = adds(sum, 1, values);
        String update = "SET " + String.join(", ", sets) + (adds.isEmpty() ? "" : " ADD " + String.join(", ", adds));
        try {
            dynamoDb.updateItem(r -> r.tableName(table).key(key(resourceId, day)).updateExpression(update)
                    .conditionExpression(String.join(" AND ", conditions))
                    .expressionAttributeNames(names).expressionAttributeValues(values));
            return true;
        } catch (ConditionalCheckFailedException e) {
            return false;
        }
    }

    @Override
    public Optional<String> pendingAttempt(String resourceId, LocalDate day, String eventKey) {
        Map<String, AttributeValue> item = dynamoDb.getItem(r -> r.tableName(table).key(key(resourceId, day)).consistentRead(true)
                .projectionExpression("#p").expressionAttributeNames(Map.of("#p", PENDING + eventKey))).item();
        AttributeValue mark = item == null ? null : item.get(PENDING + eventKey);
        return mark == null ? Optional.empty() : Optional.of(mark.s());
    }

    @Override
    public void settle(String resourceId, LocalDate day, Map<String, String> attemptByEventKey) {
        List<Map.Entry<String, String>> marks = new ArrayList<>(attemptByEventKey.entrySet());
        for (int from = 0; from < marks.size(); from += MARKS_PER_WRITE) {
            List<Map.Entry<String, String>> chunk = marks.subList(from, Math.min(marks.size(), from + MARKS_PER_WRITE));
            if (chunk.size() > 1 && tryRemoveMarks(resourceId, day, chunk, DeliveryCounts.ZERO)) {
                continue;
            }
            // A mark of the chunk is gone or another attempt's (a concurrent copy settled it): one by one.
            chunk.forEach(mark -> tryRemoveMarks(resourceId, day, List.of(mark), DeliveryCounts.ZERO));
        }
    }

    @Override
    public void takeBack(String resourceId, LocalDate day, String eventKey, String attempt, DeliveryCounts delta) {
        tryRemoveMarks(resourceId, day, List.of(Map.entry(eventKey, attempt)), delta);
    }

    /** Removes marks that still name their attempt and, in the same write, subtracts {@code minus}. */
    private boolean tryRemoveMarks(String resourceId, LocalDate day, List<Map.Entry<String, String>> marks, DeliveryCounts minus) {
        Map<String, String> names = new HashMap<>();
        Map<String, AttributeValue> values = new HashMap<>();
        List<String> removes = new ArrayList<>();
        List<String> conditions = new ArrayList<>();
        for (int i = 0; i < marks.size(); i++) {
            names.put("#p" + i, PENDING + marks.get(i).getKey());
            values.put(":a" + i, AttributeValue.fromS(marks.get(i).getValue()));
            removes.add("#p" + i);
            conditions.add("#p" + i + " = :a" + i);
        }
        List<String> adds = adds(minus, -1, values);
        String update = "REMOVE " + String.join(", ", removes) + (adds.isEmpty() ? "" : " ADD " + String.join(", ", adds));
        try {
            dynamoDb.updateItem(r -> r.tableName(table).key(key(resourceId, day)).updateExpression(update)
                    .conditionExpression(String.join(" AND ", conditions))
                    .expressionAttributeNames(names).expressionAttributeValues(values));
            return true;
        } catch (ConditionalCheckFailedException e) {
            return false;
        }
    }

    /** {@code name :vI} for each outcome of {@code delta} that is not 0, its value times {@code sign} put in {@code values}. */
    private static List<String> adds(DeliveryCounts delta, int sign, Map<String, AttributeValue> values) {
        long[] counts = {delta.delivered(), delta.hardBounces(), delta.softBounces(), delta.complaints(), delta.deferrals(),
                delta.opens(), delta.unsubscribes()};
        List<String> adds = new ArrayList<>();
        for (int i = 0; i < OUTCOMES.length; i++) {
            if (counts[i] != 0) {
                adds.add(OUTCOMES[i] + " :v" + i);
                values.put(":v" + i, n(sign * counts[i]));
            }
        }
        return adds;
    }

    @Override
    public List<DailyCounts> history(String resourceId, LocalDate from, LocalDate to) {
        var response = dynamoDb.query(r -> r.tableName(table)
                .keyConditionExpression("resourceId = :id AND #day BETWEEN :from AND :to")
                .expressionAttributeNames(Map.of("#day", "day"))
                .expressionAttributeValues(Map.of(":id", AttributeValue.fromS(resourceId),
                        ":from", AttributeValue.fromS(from.toString()), ":to", AttributeValue.fromS(to.toString()))));
        List<DailyCounts> days = new ArrayList<>();
        for (Map<String, AttributeValue> item : response.items()) {
            days.add(new DailyCounts(LocalDate.parse(item.get("day").s()), new DeliveryCounts(
                    count(item, "sent"), count(item, "delivered"), count(item, "hardBounces"), count(item, "softBounces"),
                    count(item, "complaints"), count(item, "deferrals"), count(item, "opens"), count(item, "unsubscribes"))));
        }
        return days;
    }

    private static long count(Map<String, AttributeValue> item, String name) {
        AttributeValue value = item.get(name);
        return value == null ? 0 : Math.max(0, Long.parseLong(value.n()));
    }

    private static Map<String, AttributeValue> key(String resourceId, LocalDate day) {
        return Map.of("resourceId", AttributeValue.fromS(resourceId), "day", AttributeValue.fromS(day.toString()));
    }

    private static AttributeValue n(long value) {
        return AttributeValue.fromN(Long.toString(value));
    }
}
