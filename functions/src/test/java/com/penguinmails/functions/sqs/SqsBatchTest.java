package com.penguinmails.functions.sqs;

import static org.assertj.core.api.Assertions.assertThat;

import com.amazonaws.services.lambda.runtime.events.SQSBatchResponse;
import com.amazonaws.services.lambda.runtime.events.SQSEvent;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class SqsBatchTest {

    private final ExecutorService workers = SqsBatch.workers("test");

    @AfterEach
    void stop() {
        workers.shutdownNow();
    }

    @Test
    void concurrentMessagesRunAtOnceAndOnlyTheFailedOnesComeBackInBatchOrder() {
        SQSEvent event = batch(10);
        // Every message waits until all ten have started: run one after another, the first would wait for ever.
        CountDownLatch allStarted = new CountDownLatch(10);
        Set<String> threads = ConcurrentHashMap.newKeySet();
        SQSBatchResponse response = SqsBatch.processConcurrently(event, null, workers, message -> {
            threads.add(Thread.currentThread().getName());
            allStarted.countDown();
            if (!allStarted.await(10, TimeUnit.SECONDS)) {
                throw new IllegalStateException("not run at once");
            }
            int n = Integer.parseInt(message.getBody());
            if (n % 3 == 0) {
                throw new IllegalArgumentException("message " + n + " fails");
            }
        });

        assertThat(response.getBatchItemFailures()).extracting(SQSBatchResponse.BatchItemFailure::getItemIdentifier)
                .containsExactly("m0", "m3", "m6", "m9");
        assertThat(threads).hasSize(10)
                .allSatisfy(name -> assertThat(name).as("named after the invocation thread").startsWith(Thread.currentThread().getName() + "-test-"));
    }

    @Test
    void aBatchOfOneRunsOnTheInvocationThread() {
        List<String> threads = new ArrayList<>();
        SQSBatchResponse response = SqsBatch.processConcurrently(batch(1), null, workers, message -> threads.add(Thread.currentThread().getName()));

        assertThat(response.getBatchItemFailures()).isEmpty();
        assertThat(threads).containsExactly(Thread.currentThread().getName());
    }

    private static SQSEvent batch(int size) {
        List<SQSEvent.SQSMessage> records = new ArrayList<>();
        for (int i = 0; i < size; i++) {
            SQSEvent.SQSMessage message = new SQSEvent.SQSMessage();
            message.setMessageId("m" + i);
            message.setBody(Integer.toString(i));
            records.add(message);
        }
        SQSEvent event = new SQSEvent();
        event.setRecords(records);
        return event;
    }
}
