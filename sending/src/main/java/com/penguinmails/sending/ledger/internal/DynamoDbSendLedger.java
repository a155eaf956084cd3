package com.penguinmails.sending.ledger.internal;

import com.penguinmails.sending.ledger.DailyCounts;
import com.penguinmails.sending.ledger.DeliveryCounts;
import com.penguinmails.sending.ledger.SendLedger;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Base64;
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
     * Prefix of a pending mark's attribute: {@code p<digest of the event key>} = the attempt whose count is in the row
     * but not yet committed on the message (see {@link #markName}). Marks live only while an ingest is under way (or
     * after one stopped halfway), so the row stays small.
     */
    private static final String MARK_PREFIX = "p";
    private static final int MARK_DIGEST_BYTES = 12;
    private static final Base64.Encoder BASE64URL = Base64.getUrlEncoder().withoutPadding();
    /**
     * Marks per write. A write costs the larger of the item before and after, in whole KB, and a row's marks stay on
     * it until their settle, so splitting a batch's marks into more writes never makes one cheaper: the first write
     * already pays for the base row, each further one pays for it again and for the marks before it. One write per row
     * and batch is cheapest; 100 marks keep the condition (about 31 characters and 2 operators per mark) under
     * DynamoDB's 4 KB per expression and 300 operators.
     */
    static final int MARKS_PER_WRITE = 100;
    /** Rounds of "write the chunk, read which marks stand, write the rest" before going one event at a time. */
    private static final int CHUNK_ROUNDS = 3;
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
            List<Map.Entry<String, DeliveryCounts>> rest = new ArrayList<>(events.subList(from, Math.min(events.size(), from + MARKS_PER_WRITE)));
            // Some event of the chunk may be marked already (an earlier attempt stopped halfway, or a copy runs
            // alongside): read which, and add the others in one write again, rather than one write per event.
            for (int round = 0; round < CHUNK_ROUNDS && rest.size() > 1; round++) {
                if (tryAddPending(resourceId, day, rest, attempt)) {
                    rest.forEach(e -> holders.put(e.getKey(), attempt));
                    rest.clear();
                    break;
                }
                Map<String, String> standing = standingMarks(resourceId, day, rest.stream().map(Map.Entry::getKey).toList());
                standing.forEach(holders::put);
                rest.removeIf(e -> standing.containsKey(e.getKey()));
            }
            for (Map.Entry<String, DeliveryCounts> event : rest) {
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
            names.put("#p" + i, markName(events.get(i).getKey()));
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
        return Optional.ofNullable(standingMarks(resourceId, day, List.of(eventKey)).get(eventKey));
    }

    /** The marks that stand on the row for these event keys (event key to attempt), read consistently in one call. */
    private Map<String, String> standingMarks(String resourceId, LocalDate day, List<String> eventKeys) {
        Map<String, String> names = new HashMap<>();
        for (int i = 0; i < eventKeys.size(); i++) {
            names.put("#p" + i, markName(eventKeys.get(i)));
        }
        Map<String, AttributeValue> item = dynamoDb.getItem(r -> r.tableName(table).key(key(resourceId, day)).consistentRead(true)
                .projectionExpression(String.join(", ", names.keySet())).expressionAttributeNames(names)).item();
        Map<String, String> standing = new LinkedHashMap<>();
        for (String eventKey : eventKeys) {
            AttributeValue mark = item == null ? null : item.get(markName(eventKey));
            if (mark != null) {
                standing.put(eventKey, mark.s());
            }
        }
        return standing;
    }

    @Override
    public void settle(String resourceId, LocalDate day, Map<String, String> attemptByEventKey) {
        List<Map.Entry<String, String>> marks = new ArrayList<>(attemptByEventKey.entrySet());
        for (int from = 0; from < marks.size(); from += MARKS_PER_WRITE) {
            List<Map.Entry<String, String>> rest = new ArrayList<>(marks.subList(from, Math.min(marks.size(), from + MARKS_PER_WRITE)));
            // A mark of the chunk may be gone or another attempt's (a concurrent copy settled it): read which, and
            // remove the ones that still stand as given in one write again.
            for (int round = 0; round < CHUNK_ROUNDS && !rest.isEmpty(); round++) {
                if (tryRemoveMarks(resourceId, day, rest, DeliveryCounts.ZERO)) {
                    rest.clear();
                    break;
                }
                if (rest.size() == 1) {
                    rest.clear(); // that one mark is gone or another attempt's: nothing of ours to remove
                    break;
                }
                Map<String, String> standing = standingMarks(resourceId, day, rest.stream().map(Map.Entry::getKey).toList());
                rest.removeIf(mark -> !mark.getValue().equals(standing.get(mark.getKey())));
            }
            rest.forEach(mark -> tryRemoveMarks(resourceId, day, List.of(mark), DeliveryCounts.ZERO));
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
        Map<String, String> placeholderByAttempt = new HashMap<>();
        List<String> removes = new ArrayList<>();
        List<String> conditions = new ArrayList<>();
        for (int i = 0; i < marks.size(); i++) {
            names.put("#p" + i, markName(marks.get(i).getKey()));
            // Usually one attempt holds them all: one value for it keeps the request short.
            String placeholder = placeholderByAttempt.computeIfAbsent(marks.get(i).getValue(), a -> ":a" + placeholderByAttempt.size());
            values.put(placeholder, AttributeValue.fromS(marks.get(i).getValue()));
            removes.add("#p" + i);
            conditions.add("#p" + i + " = " + placeholder);
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

    /**
     * The attribute of an event's pending mark: {@code p} and the first 96 bits of the SHA-256 of the event key in
     * base64url (16 characters), however long the key (a message id and an SES message id are about 90).
     * Two events share a name only if their digests collide while both marks stand on the same row; marks stand
     * only from an ingest's count to its settle (or until a redelivery settles what a stopped one left), so a row
     * holds a few hundred at most, and the chance that a new mark meets one of {@code n} standing ones is
     * {@code n / 2^96}: below 10^-20 for a million standing marks. Contriving a collision on purpose would take some
     * 2^48 hashes of event ids an outsider mostly does not choose, to lose one count.
     */
    static String markName(String eventKey) {
        byte[] digest = sha256().digest(eventKey.getBytes(StandardCharsets.UTF_8));
        return MARK_PREFIX + BASE64URL.encodeToString(Arrays.copyOf(digest, MARK_DIGEST_BYTES));
    }

    private static MessageDigest sha256() {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every Java has SHA-256", e);
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
