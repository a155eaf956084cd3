package com.penguinmails.benchmarks;

import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.DoubleAdder;
import software.amazon.awssdk.core.SdkRequest;
import software.amazon.awssdk.core.SdkResponse;
import software.amazon.awssdk.core.interceptor.Context;
import software.amazon.awssdk.core.interceptor.ExecutionAttributes;
import software.amazon.awssdk.core.interceptor.ExecutionInterceptor;
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
import software.amazon.awssdk.services.dynamodb.model.PutItemRequest;
import software.amazon.awssdk.services.dynamodb.model.PutItemResponse;
import software.amazon.awssdk.services.dynamodb.model.QueryRequest;
import software.amazon.awssdk.services.dynamodb.model.QueryResponse;
import software.amazon.awssdk.services.dynamodb.model.ReturnConsumedCapacity;
import software.amazon.awssdk.services.dynamodb.model.ScanRequest;
import software.amazon.awssdk.services.dynamodb.model.ScanResponse;
import software.amazon.awssdk.services.dynamodb.model.UpdateItemRequest;
import software.amazon.awssdk.services.dynamodb.model.UpdateItemResponse;

/**
 * Asks DynamoDB for ReturnConsumedCapacity=TOTAL on every data call the platform makes and adds up what comes back,
 * read and write apart. A conditional write that fails still costs its write in DynamoDB but reports nothing, so it
 * is counted as one write unit (our items are under 1 KB).
 */
final class ConsumedCapacityMeter implements ExecutionInterceptor {

    private final DoubleAdder read = new DoubleAdder();
    private final DoubleAdder write = new DoubleAdder();
    private final AtomicLong calls = new AtomicLong();
    private final AtomicLong failedConditions = new AtomicLong();
    private final java.util.Map<String, DoubleAdder> byOperation = new java.util.concurrent.ConcurrentHashMap<>();

    void reset() {
        read.reset();
        write.reset();
        calls.set(0);
        failedConditions.set(0);
        byOperation.clear();
    }

    /** Capacity per "operation table", largest first: where the units go. */
    String breakdown(int perEmails) {
        return byOperation.entrySet().stream()
                .sorted((a, b) -> Double.compare(b.getValue().sum(), a.getValue().sum()))
                .map(e -> String.format(java.util.Locale.ROOT, "%s %.2f", e.getKey(), e.getValue().sum() / perEmails))
                .collect(java.util.stream.Collectors.joining(", "));
    }

    private void count(String operation, String table, double units) {
        byOperation.computeIfAbsent(operation + " " + table.replaceFirst("^pm-local-", ""), k -> new DoubleAdder()).add(units);
    }

    double read() {
        return read.sum();
    }

    double write() {
        return write.sum();
    }

    long calls() {
        return calls.get();
    }

    long failedConditions() {
        return failedConditions.get();
    }

    @Override
    public SdkRequest modifyRequest(Context.ModifyRequest context, ExecutionAttributes attributes) {
        SdkRequest r = context.request();
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
        }
        return r;
    }

    @Override
    public void afterUnmarshalling(Context.AfterUnmarshalling context, ExecutionAttributes attributes) {
        SdkResponse response = context.response();
        calls.incrementAndGet();
        String operation = attributes.getAttribute(software.amazon.awssdk.core.interceptor.SdkExecutionAttribute.OPERATION_NAME);
        if (response instanceof PutItemResponse p) {
            add(write, p.consumedCapacity(), operation);
        } else if (response instanceof UpdateItemResponse u) {
            add(write, u.consumedCapacity(), operation);
        } else if (response instanceof DeleteItemResponse d) {
            add(write, d.consumedCapacity(), operation);
        } else if (response instanceof GetItemResponse g) {
            add(read, g.consumedCapacity(), operation);
        } else if (response instanceof QueryResponse q) {
            add(read, q.consumedCapacity(), operation);
        } else if (response instanceof ScanResponse s) {
            add(read, s.consumedCapacity(), operation);
        } else if (response instanceof BatchWriteItemResponse b && b.hasConsumedCapacity()) {
            b.consumedCapacity().forEach(c -> add(write, c, operation));
        } else if (response instanceof BatchGetItemResponse b && b.hasConsumedCapacity()) {
            b.consumedCapacity().forEach(c -> add(read, c, operation));
        }
    }

    @Override
    public void onExecutionFailure(Context.FailedExecution context, ExecutionAttributes attributes) {
        if (context.exception() instanceof ConditionalCheckFailedException) {
            calls.incrementAndGet();
            failedConditions.incrementAndGet();
            write.add(1);
            String operation = attributes.getAttribute(software.amazon.awssdk.core.interceptor.SdkExecutionAttribute.OPERATION_NAME);
            count(operation + "(condition failed)", tableOf(context.request()), 1);
        }
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

    private void add(DoubleAdder into, ConsumedCapacity capacity, String operation) {
        if (capacity != null && capacity.capacityUnits() != null) {
            into.add(capacity.capacityUnits());
            count(operation, capacity.tableName() == null ? "?" : capacity.tableName(), capacity.capacityUnits());
        }
    }
}
