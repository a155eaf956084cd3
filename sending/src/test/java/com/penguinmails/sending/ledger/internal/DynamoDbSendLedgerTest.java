package com.penguinmails.sending.ledger.internal;

import static org.assertj.core.api.Assertions.assertThat;

import com.penguinmails.core.platform.Ids;
import com.penguinmails.core.testing.TestClock;
import com.penguinmails.core.testing.TestPlatforms;
import com.penguinmails.embedded.EmbeddedDynamoDbExtension;
import com.penguinmails.sending.ledger.DailyCounts;
import com.penguinmails.sending.ledger.DeliveryCounts;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.core.SdkRequest;
import software.amazon.awssdk.core.interceptor.Context;
import software.amazon.awssdk.core.interceptor.ExecutionAttributes;
import software.amazon.awssdk.core.interceptor.ExecutionInterceptor;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.ConditionalCheckFailedException;
import software.amazon.awssdk.services.dynamodb.model.ReturnConsumedCapacity;
import software.amazon.awssdk.services.dynamodb.model.UpdateItemRequest;
import software.amazon.awssdk.services.dynamodb.model.UpdateItemResponse;

/**
 * What the ingest's ledger writes cost on DynamoDB (dynalite, which charges by item size as DynamoDB does): a batch's
 * pending marks on a row are one write and their settle another, each within one write unit for an ingest batch of
 * 25 (the event-ingest function's batch size), and a chunk that meets marks of an earlier attempt costs a read and a
 * second write, not one write per event.
 */
class DynamoDbSendLedgerTest {

    @RegisterExtension
    static final EmbeddedDynamoDbExtension DYNAMO = new EmbeddedDynamoDbExtension();

    private static final String IP = "ip_" + "L3dg3rT3st0000000001";
    private static final LocalDate DAY = LocalDate.parse("2026-11-20");
    private static final DeliveryCounts DELIVERED = new DeliveryCounts(0, 1, 0, 0, 0, 0, 0, 0);

    /** Each UpdateItem's write units (a failed condition as 1, as DynamoDB charges it for our items). */
    private final List<Double> writes = new ArrayList<>();
    private DynamoDbSendLedger ledger;

    @BeforeEach
    void ledger() {
        var platform = TestPlatforms.withAllTables(DYNAMO, new TestClock(Instant.parse("2026-11-20T10:00:00Z")), Map.of());
        DynamoDbClient metered = DynamoDbClient.builder()
                .endpointOverride(DYNAMO.endpoint())
                .region(Region.US_EAST_1)
                .credentialsProvider(StaticCredentialsProvider.create(AwsBasicCredentials.create("local", "local")))
                .httpClientBuilder(UrlConnectionHttpClient.builder())
                .overrideConfiguration(c -> c.addExecutionInterceptor(new WriteMeter()))
                .build();
        ledger = new DynamoDbSendLedger(metered, platform.tableName("send-ledger"));
        // A busy IP's row: a day's sends and outcomes already on it.
        ledger.reserveUpTo(IP, DAY, 100_000, 54_321);
        ledger.record(IP, DAY, new DeliveryCounts(0, 50_000, 321, 1_200, 12, 300, 20_000, 40));
        writes.clear();
    }

    @Test
    void anIngestBatchsMarksAreOneWriteOfOneUnitAndTheirSettleAnother() {
        Map<String, DeliveryCounts> batch = events(0, 25);
        String attempt = Ids.randomBase62(12);

        Map<String, String> holders = ledger.addPending(IP, DAY, batch, attempt);
        assertThat(writes).as("one write, within 1 KB with 25 marks on the row").containsExactly(1.0);
        writes.clear();
        ledger.settle(IP, DAY, holders);

        assertThat(writes).containsExactly(1.0);
        assertThat(holders.values()).containsOnly(attempt);
        assertThat(delivered()).isEqualTo(50_025);
        batch.keySet().forEach(key -> assertThat(ledger.pendingAttempt(IP, DAY, key)).isEmpty());
    }

    @Test
    void aHundredMarksGoInOneWriteBecauseMoreWritesWouldEachPayForTheMarksBefore() {
        Map<String, DeliveryCounts> batch = events(0, 100);

        Map<String, String> holders = ledger.addPending(IP, DAY, batch, Ids.randomBase62(12));
        ledger.settle(IP, DAY, holders);

        assertThat(writes).hasSize(2);
        assertThat(delivered()).isEqualTo(50_100);
    }

    @Test
    void aChunkMeetingMarksOfAnEarlierAttemptAddsTheRestAfterOneReadNotOneByOne() {
        Map<String, DeliveryCounts> batch = events(0, 25);
        Map<String, DeliveryCounts> earlier = new LinkedHashMap<>();
        List<String> keys = new ArrayList<>(batch.keySet());
        for (int i : new int[] {3, 11, 20}) {
            earlier.put(keys.get(i), DELIVERED);
        }
        ledger.addPending(IP, DAY, earlier, "stoppedAttempt");
        writes.clear();

        Map<String, String> holders = ledger.addPending(IP, DAY, batch, "thisAttempt");

        assertThat(writes).as("the write that meets the marks, then one for the other 22").hasSize(2);
        assertThat(holders).hasSize(25);
        assertThat(holders.entrySet().stream().filter(e -> e.getValue().equals("stoppedAttempt")).map(Map.Entry::getKey))
                .containsExactlyInAnyOrderElementsOf(earlier.keySet());
        assertThat(delivered()).as("each event counted once").isEqualTo(50_025);
    }

    @Test
    void settleRemovesTheMarksThatStillNameTheirAttemptAndLeavesOthers() {
        Map<String, DeliveryCounts> batch = events(0, 10);
        Map<String, String> holders = ledger.addPending(IP, DAY, batch, "mine");
        Map<String, String> toSettle = new LinkedHashMap<>(holders);
        List<String> keys = new ArrayList<>(batch.keySet());
        // Two of them as if another attempt held them (a copy that ran alongside): not ours to remove.
        toSettle.put(keys.get(2), "theirs");
        toSettle.put(keys.get(7), "theirs");
        writes.clear();

        ledger.settle(IP, DAY, toSettle);

        assertThat(writes).as("the write that meets them, then one for the other 8").hasSize(2);
        for (String key : keys) {
            assertThat(ledger.pendingAttempt(IP, DAY, key)).as(key)
                    .isEqualTo(key.equals(keys.get(2)) || key.equals(keys.get(7)) ? java.util.Optional.of("mine") : java.util.Optional.empty());
        }
    }

    @Test
    void markNamesAreShortFixedAndDistinct() {
        Set<String> names = events(0, 10_000).keySet().stream().map(DynamoDbSendLedger::markName).collect(Collectors.toSet());

        assertThat(names).hasSize(10_000).allSatisfy(name -> assertThat(name).hasSize(17).startsWith("p"));
        String key = events(0, 1).keySet().iterator().next();
        assertThat(DynamoDbSendLedger.markName(key)).isEqualTo(DynamoDbSendLedger.markName(new String(key.toCharArray())));
    }

    /** Event keys as ingest makes them: a message id and an SES message id. */
    private static Map<String, DeliveryCounts> events(int from, int to) {
        Map<String, DeliveryCounts> events = new LinkedHashMap<>();
        IntStream.range(from, to).forEach(i -> events.put(String.format("msg_0mh1qk2x4f%010d 0100018f2c3e4a5b-%08x-5e6f-7a8b-9c0d-1e2f3a4b5c6d-000000", i, i),
                DELIVERED));
        return events;
    }

    private long delivered() {
        return ledger.history(IP, DAY, DAY).stream().map(DailyCounts::counts).mapToLong(DeliveryCounts::delivered).sum();
    }

    /** Asks for the consumed capacity of every UpdateItem and keeps it. */
    private final class WriteMeter implements ExecutionInterceptor {
        @Override
        public SdkRequest modifyRequest(Context.ModifyRequest context, ExecutionAttributes attributes) {
            return context.request() instanceof UpdateItemRequest update
                    ? update.toBuilder().returnConsumedCapacity(ReturnConsumedCapacity.TOTAL).build() : context.request();
        }

        @Override
        public void afterUnmarshalling(Context.AfterUnmarshalling context, ExecutionAttributes attributes) {
            if (context.response() instanceof UpdateItemResponse update) {
                synchronized (writes) {
                    writes.add(update.consumedCapacity().capacityUnits());
                }
            }
        }

        @Override
        public void onExecutionFailure(Context.FailedExecution context, ExecutionAttributes attributes) {
            if (context.exception() instanceof ConditionalCheckFailedException) {
                synchronized (writes) {
                    writes.add(1.0);
                }
            }
        }
    }
}
