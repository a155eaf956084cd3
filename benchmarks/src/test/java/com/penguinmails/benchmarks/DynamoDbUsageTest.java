package com.penguinmails.benchmarks;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.penguinmails.catalog.TableSpec;
import com.penguinmails.embedded.EmbeddedDynamoDbExtension;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.BillingMode;
import software.amazon.awssdk.services.dynamodb.model.ConditionalCheckFailedException;
import software.amazon.awssdk.services.dynamodb.model.KeyType;
import software.amazon.awssdk.services.dynamodb.model.ScalarAttributeType;

/**
 * The meter over real calls to dynalite, through the SDK's global interceptor hook: DynamoDB's billing floors on
 * what dynalite reports (an empty Query, a failed conditional write), units per partition key and per item read from
 * the requests, and only calls made on a function's invocation thread.
 */
class DynamoDbUsageTest {

    @RegisterExtension
    static final EmbeddedDynamoDbExtension DYNAMO = new EmbeddedDynamoDbExtension();

    /** Named as the local runtime names invocation threads, so the interceptor takes these calls for a function's. */
    private final ExecutorService function = Executors.newSingleThreadExecutor(r -> new Thread(r, "pm-local-invoke-test"));

    @AfterEach
    void stop() {
        MeteringInterceptor.stop();
        function.shutdownNow();
    }

    @Test
    void floorsApplyAndTheLoadIsCountedPerPartitionKeyAndItem() throws Exception {
        String table = "ledger" + DYNAMO.tableSuffix();
        DynamoDbClient dynamoDb = DYNAMO.client();
        dynamoDb.createTable(b -> b.tableName(table).billingMode(BillingMode.PAY_PER_REQUEST)
                .attributeDefinitions(a -> a.attributeName("pk").attributeType(ScalarAttributeType.S),
                        a -> a.attributeName("sk").attributeType(ScalarAttributeType.S))
                .keySchema(k -> k.attributeName("pk").keyType(KeyType.HASH), k -> k.attributeName("sk").keyType(KeyType.RANGE)));
        DynamoDbUsage usage = new DynamoDbUsage(Map.of(table, new TableSpec(table, "pk", "sk", null, List.of())));
        MeteringInterceptor.meter(new MeteringInterceptor.Meters(usage, new MessagingUsage()));

        function.submit(() -> {
            for (String sk : List.of("a", "b", "a")) {
                dynamoDb.putItem(b -> b.tableName(table).item(Map.of("pk", s("hot"), "sk", s(sk), "n", AttributeValue.fromN("1"))));
            }
            dynamoDb.putItem(b -> b.tableName(table).item(Map.of("pk", s("cold"), "sk", s("z"))));
            assertThatThrownBy(() -> dynamoDb.updateItem(b -> b.tableName(table).key(Map.of("pk", s("hot"), "sk", s("a")))
                    .updateExpression("SET n = :two").conditionExpression("n = :zero")
                    .expressionAttributeValues(Map.of(":two", AttributeValue.fromN("2"), ":zero", AttributeValue.fromN("0")))))
                    .isInstanceOf(ConditionalCheckFailedException.class);
            dynamoDb.getItem(b -> b.tableName(table).key(Map.of("pk", s("hot"), "sk", s("missing"))));
            dynamoDb.query(b -> b.tableName(table).keyConditionExpression("#p = :p").expressionAttributeNames(Map.of("#p", "pk"))
                    .expressionAttributeValues(Map.of(":p", s("nobody"))).consistentRead(true));
        }).get();
        // Not on a function's thread: not the platform's bill.
        dynamoDb.putItem(b -> b.tableName(table).item(Map.of("pk", s("hot"), "sk", s("c"))));

        assertThat(usage.writeUnits()).as("four puts and a failed conditional update, 1 WRU each").isEqualTo(5.0);
        assertThat(usage.failedConditions()).isEqualTo(1);
        assertThat(usage.writeRequests()).isEqualTo(5);
        assertThat(usage.readUnits()).as("a missing item read eventually (0.5) and an empty strongly consistent Query (1)").isEqualTo(1.5);
        assertThat(usage.readRequests()).isEqualTo(2);

        DynamoDbUsage.Hottest partition = usage.hottest(false, true, 1).get(0);
        assertThat(partition.key()).isEqualTo(new DynamoDbUsage.Key(table, "hot", null));
        assertThat(partition.units()).isEqualTo(4.0);
        DynamoDbUsage.Hottest item = usage.hottest(true, true, 1).get(0);
        assertThat(item.key()).isEqualTo(new DynamoDbUsage.Key(table, "hot", "a"));
        assertThat(item.units()).as("two puts and the failed update").isEqualTo(3.0);
        assertThat(usage.hottest(false, false, 2)).extracting(h -> h.key().partition()).containsExactlyInAnyOrder("hot", "nobody");
    }

    @Test
    void shapesHideIdsButNameWhatTheBenchmarkMade() {
        KeyLabels labels = new KeyLabels();
        labels.name("ws_Q8c1Lr0b2Zt7Yh3Kd9Wm", "workspace");

        assertThat(labels.of("ws_Q8c1Lr0b2Zt7Yh3Kd9Wm#ip_7fK2mN9qLx1#2026-12-02")).isEqualTo("<workspace>#ip_…#<day>");
        assertThat(labels.of("ada@example.org|workspace")).isEqualTo("<email>|workspace");
        assertThat(labels.of("1764672000123#evt_abcdef12")).isEqualTo("<n>#evt_…");
    }

    private static AttributeValue s(String value) {
        return AttributeValue.fromS(value);
    }
}
