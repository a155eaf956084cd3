package com.penguinmails.benchmarks;

import com.penguinmails.core.platform.AwsClients;
import com.penguinmails.core.platform.SdkTimeouts;
import java.net.URI;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.BillingMode;
import software.amazon.awssdk.services.dynamodb.model.KeyType;
import software.amazon.awssdk.services.dynamodb.model.ScalarAttributeType;

/**
 * How many PutItem requests a second the embedded DynamoDB takes, with the client the functions use (URL-connection
 * HTTP client, the call timeouts of the given function timeout) from a few threads: small items into a scratch
 * table, removed afterwards. The yardstick for "bound by its store".
 */
final class RawWriteRate {

    static final String TABLE = "pm-local-benchmark-raw-writes";
    private static final Duration WARM_UP = Duration.ofSeconds(2);

    record Result(int threads, Duration measured, long writes) {
        double perSecond() {
            return writes / (measured.toNanos() / 1e9);
        }
    }

    static Result measure(URI endpoint, String region, Duration functionTimeout, int threads, Duration measured) throws Exception {
        try (DynamoDbClient dynamoDb = AwsClients.dynamoDb(endpoint, region, List.of(), SdkTimeouts.forFunctionTimeout(functionTimeout))) {
            dynamoDb.createTable(b -> b.tableName(TABLE).billingMode(BillingMode.PAY_PER_REQUEST)
                    .attributeDefinitions(a -> a.attributeName("pk").attributeType(ScalarAttributeType.S))
                    .keySchema(k -> k.attributeName("pk").keyType(KeyType.HASH)));
            dynamoDb.waiter().waitUntilTableExists(b -> b.tableName(TABLE));
            try {
                run(dynamoDb, threads, WARM_UP);
                return new Result(threads, measured, run(dynamoDb, threads, measured));
            } finally {
                dynamoDb.deleteTable(b -> b.tableName(TABLE));
            }
        }
    }

    private static long run(DynamoDbClient dynamoDb, int threads, Duration length) throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(threads);
        try {
            long deadline = System.nanoTime() + length.toNanos();
            List<Future<Long>> workers = new ArrayList<>();
            for (int t = 0; t < threads; t++) {
                String prefix = "t" + t + "-" + System.nanoTime() + "-";
                workers.add(pool.submit(() -> {
                    long n = 0;
                    while (System.nanoTime() < deadline) {
                        String pk = prefix + n;
                        dynamoDb.putItem(b -> b.tableName(TABLE).item(Map.of("pk", AttributeValue.fromS(pk),
                                "payload", AttributeValue.fromS("a small item, about the size of a ledger row or a message ticket"),
                                "n", AttributeValue.fromN(Long.toString(System.nanoTime())))));
                        n++;
                    }
                    return n;
                }));
            }
            long total = 0;
            for (Future<Long> worker : workers) {
                total += worker.get();
            }
            return total;
        } finally {
            pool.shutdownNow();
        }
    }

    private RawWriteRate() {
    }
}
