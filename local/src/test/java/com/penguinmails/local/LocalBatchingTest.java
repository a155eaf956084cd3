package com.penguinmails.local;

import static org.assertj.core.api.Assertions.assertThat;

import com.penguinmails.local.testhandlers.BatchSizeProbeHandler;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.sqs.model.SendMessageBatchRequestEntry;

/**
 * A function with a batch size of 100 and a 2 s batching window gets full batches from a backlog, as Lambda's pollers
 * give it: the poller receives again at once while receives come back full (ten), and pauses only when they come
 * back short. (Pausing after every receive gathered at most 90 in a 2 s window and held such a queue to about 40
 * messages a second.)
 */
class LocalBatchingTest {

    private static final int MESSAGES = 250;

    @Test
    void aBacklogIsDeliveredInFullBatchesAndEveryMessageOnce() {
        BatchSizeProbeHandler.reset();
        try (LocalPlatform platform = LocalPlatform.builder().catalog(TestPlatforms.testCatalog()).port(0).bootstrap(false)
                .sqsConcurrency(1).start()) {
            String queue = platform.queueUrl("batched-work");
            for (int first = 0; first < MESSAGES; first += 10) {
                List<SendMessageBatchRequestEntry> entries = new ArrayList<>();
                for (int i = first; i < first + 10; i++) {
                    entries.add(SendMessageBatchRequestEntry.builder().id("m" + i).messageBody("message " + i).build());
                }
                platform.sqs().sendMessageBatch(b -> b.queueUrl(queue).entries(entries));
            }
            TestPlatforms.await(Duration.ofSeconds(60), "every message handled",
                    () -> BatchSizeProbeHandler.sizes().stream().mapToInt(Integer::intValue).sum() >= MESSAGES);
        }

        List<Integer> sizes = BatchSizeProbeHandler.sizes();
        assertThat(sizes.stream().mapToInt(Integer::intValue).sum()).as("each message once").isEqualTo(MESSAGES);
        assertThat(sizes).as("full batches from the backlog").contains(100);
    }
}
