package com.penguinmails.shared.ledger.internal;

import com.penguinmails.shared.ledger.SendLedger;
import com.penguinmails.shared.reputation.DailyCounts;
import com.penguinmails.shared.reputation.DeliveryCounts;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.ConditionalCheckFailedException;

/** Partition per resource, sort key the ISO day; counters are ADDed, the cap is a condition on {@code sent}. */
public final class DynamoDbSendLedger implements SendLedger {

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
