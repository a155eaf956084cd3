package com.penguinmails.functions.sqs;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.events.SQSBatchResponse;
import com.amazonaws.services.lambda.runtime.events.SQSEvent;
import com.penguinmails.functions.observability.Observability;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.atomic.AtomicInteger;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Partial batch failures for SQS-triggered functions: each message is processed on its own; one that throws is
 * reported in {@code batchItemFailures} so only it comes back (and after maxReceiveCount lands in the DLQ), while
 * the rest of the batch is deleted. The event source mapping must have ReportBatchItemFailures on (CDK does).
 */
public final class SqsBatch {

    private static final Logger LOG = LoggerFactory.getLogger(SqsBatch.class);

    /** The work for one message; may throw anything. */
    @FunctionalInterface
    public interface MessageWork {
        void process(SQSEvent.SQSMessage message) throws Exception;
    }

    private SqsBatch() {
    }

    public static SQSBatchResponse process(SQSEvent event, Context context, MessageWork work) {
        List<SQSBatchResponse.BatchItemFailure> failures = new ArrayList<>();
        for (SQSEvent.SQSMessage message : event.getRecords()) {
            if (!processOne(message, context, work)) {
                failures.add(new SQSBatchResponse.BatchItemFailure(message.getMessageId()));
            }
        }
        return new SQSBatchResponse(failures);
    }

    /**
     * As {@link #process}, the messages worked on at once on {@code workers} (see {@link #workers}): for work that
     * mostly waits on the network, such as a send (a store's round trips, an SMTP exchange), a batch of ten then takes
     * about as long as its slowest message instead of the sum of all ten, and Lambda bills the invocation's duration.
     * {@code work} must be safe to run on several threads at once. Failures are reported in the batch's order.
     */
    public static SQSBatchResponse processConcurrently(SQSEvent event, Context context, ExecutorService workers, MessageWork work) {
        List<SQSEvent.SQSMessage> records = event.getRecords();
        if (records.size() <= 1) {
            return process(event, context, work);
        }
        List<CompletableFuture<Boolean>> done = new ArrayList<>(records.size());
        for (SQSEvent.SQSMessage message : records) {
            done.add(CompletableFuture.supplyAsync(() -> processOne(message, context, work), workers));
        }
        List<SQSBatchResponse.BatchItemFailure> failures = new ArrayList<>();
        for (int i = 0; i < records.size(); i++) {
            if (!done.get(i).join()) {
                failures.add(new SQSBatchResponse.BatchItemFailure(records.get(i).getMessageId()));
            }
        }
        return new SQSBatchResponse(failures);
    }

    /**
     * Threads for {@link #processConcurrently}, kept while in use and for a minute after: daemon threads named after
     * the invocation thread that first needed them (the local runtime tells a function's threads by that name).
     */
    public static ExecutorService workers(String purpose) {
        AtomicInteger count = new AtomicInteger();
        ThreadFactory factory = runnable -> {
            Thread thread = new Thread(runnable, Thread.currentThread().getName() + "-" + purpose + "-" + count.incrementAndGet());
            thread.setDaemon(true);
            return thread;
        };
        return Executors.newCachedThreadPool(factory);
    }

    /** True when the message is done; false (after logging why) when it must come back. */
    private static boolean processOne(SQSEvent.SQSMessage message, Context context, MessageWork work) {
        return Observability.withRequest(context, correlationId(message), () -> {
            try {
                work.process(message);
                return true;
            } catch (Exception e) {
                LOG.warn("message {} failed (receive count {}); it will be retried, then dead-lettered",
                        message.getMessageId(), message.getAttributes() == null ? "?" : message.getAttributes().get("ApproximateReceiveCount"), e);
                return false;
            }
        });
    }

    private static String correlationId(SQSEvent.SQSMessage message) {
        if (message.getMessageAttributes() != null && message.getMessageAttributes().containsKey("correlationId")) {
            String value = message.getMessageAttributes().get("correlationId").getStringValue();
            if (value != null) {
                return value;
            }
        }
        return message.getMessageId();
    }
}
