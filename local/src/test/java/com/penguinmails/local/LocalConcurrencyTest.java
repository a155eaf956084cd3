package com.penguinmails.local;

import static com.penguinmails.local.TestPlatforms.post;
import static org.assertj.core.api.Assertions.assertThat;

import com.penguinmails.local.testhandlers.ConcurrencyProbeHandler;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.Test;

/**
 * An SQS-triggered function works on several batches at once, as Lambda's event source mapping does, up to the
 * platform's concurrency, and on one at a time with concurrency 1; every invocation is reported to the listeners
 * with its function's memory and the time its handler ran.
 */
class LocalConcurrencyTest {

    private static final int MESSAGES = 12;

    @Test
    void batchesOfOneQueueRunConcurrentlyUpToTheConcurrencyAndEachInvocationIsReported() {
        List<InvocationListener.Invocation> seen = new CopyOnWriteArrayList<>();
        ConcurrencyProbeHandler.reset();
        try (LocalPlatform platform = LocalPlatform.builder().catalog(TestPlatforms.testCatalog()).port(0).bootstrap(false)
                .sqsConcurrency(3).invocationListener(seen::add).start()) {
            sendAndAwait(platform);
        }

        assertThat(ConcurrencyProbeHandler.mostAtOnce()).as("batches at once").isBetween(2, 3);
        List<InvocationListener.Invocation> probes = seen.stream().filter(i -> i.function().equals("parallel-worker")).toList();
        assertThat(probes).as("one invocation per batch of one").hasSize(MESSAGES);
        assertThat(probes).allSatisfy(i -> {
            assertThat(i.memoryMb()).as("the catalog's memory").isEqualTo(256);
            assertThat(i.duration()).isGreaterThanOrEqualTo(Duration.ofMillis(ConcurrencyProbeHandler.HOLD_MILLIS));
            assertThat(i.cpuTime()).as("the handler sleeps: its thread's CPU time is a fraction of its time").isLessThan(i.duration());
            assertThat(i.failed()).isFalse();
        });
    }

    @Test
    void withConcurrencyOneBatchesRunOneAfterAnother() {
        ConcurrencyProbeHandler.reset();
        try (LocalPlatform platform = LocalPlatform.builder().catalog(TestPlatforms.testCatalog()).port(0).bootstrap(false)
                .sqsConcurrency(1).start()) {
            sendAndAwait(platform);
        }

        assertThat(ConcurrencyProbeHandler.mostAtOnce()).isEqualTo(1);
    }

    private static void sendAndAwait(LocalPlatform platform) {
        for (int i = 0; i < MESSAGES; i++) {
            assertThat(post(platform, "/_local/queues/parallel-work/messages", "m" + i).statusCode()).isEqualTo(202);
        }
        TestPlatforms.await(Duration.ofSeconds(30), "every message handled", () -> ConcurrencyProbeHandler.messages() == MESSAGES);
    }
}
