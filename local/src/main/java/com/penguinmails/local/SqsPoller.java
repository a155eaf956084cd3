package com.penguinmails.local;

import com.amazonaws.services.lambda.runtime.events.SQSBatchResponse;
import com.amazonaws.services.lambda.runtime.events.SQSEvent;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import software.amazon.awssdk.core.SdkBytes;
import software.amazon.awssdk.services.sqs.SqsClient;
import software.amazon.awssdk.services.sqs.model.DeleteMessageBatchRequestEntry;
import software.amazon.awssdk.services.sqs.model.Message;
import software.amazon.awssdk.services.sqs.model.MessageAttributeValue;
import software.amazon.awssdk.services.sqs.model.MessageSystemAttributeName;

/**
 * The SQS event source mapping of one function: long-polls its queue, hands each batch to the function as an
 * {@link SQSEvent}, and deletes the messages it did not report in {@code batchItemFailures}. If the function
 * throws, nothing is deleted: the messages reappear after the visibility timeout, and the queue's own redrive
 * policy moves them to the DLQ after maxReceiveCount receives, exactly as in AWS.
 * Like Lambda, it gathers up to the catalog's batch size (several receives of at most 10) for up to the catalog's
 * batching window before invoking, so batch-level savings (one counter write per batch) show locally too.
 *
 * <p>Like Lambda, it works on several batches at once: Lambda starts with five concurrent invocations per mapping
 * when a queue has messages and scales back when it runs dry. Here one worker always polls and the others
 * ({@code concurrency - 1}) join it while batches come back full and rest otherwise, so an idle queue costs one
 * receive a second, not one per worker. With one worker, batches are handled strictly one after another.
 */
final class SqsPoller implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(SqsPoller.class);
    private static final int WAIT_SECONDS = 1;
    private static final long ERROR_BACKOFF_MILLIS = 1_000;
    private static final long GATHER_PAUSE_MILLIS = 250;

    private final LocalFunction function;
    private final QueueProvisioner.LocalQueue queue;
    private final SqsClient sqs;
    private final String region;
    private final int batchSize;
    private final long batchingWindowMillis;
    private final List<Thread> workers = new ArrayList<>();
    /** Resting workers wait on this until a receive finds messages (or the poller closes). */
    private final Object traffic = new Object();
    private volatile boolean running = true;

    SqsPoller(LocalFunction function, QueueProvisioner.LocalQueue queue, SqsClient sqs, String region, int concurrency) {
        if (concurrency < 1) {
            throw new IllegalArgumentException("an event source mapping needs at least one worker, not " + concurrency);
        }
        this.function = function;
        this.queue = queue;
        this.sqs = sqs;
        this.region = region;
        this.batchSize = function.spec().trigger().sqs().batchSize();
        this.batchingWindowMillis = function.spec().trigger().sqs().maxBatchingWindowSeconds() * 1000L;
        for (int i = 0; i < concurrency; i++) {
            boolean lead = i == 0;
            Thread worker = new Thread(() -> pollUntilClosed(lead),
                    LocalRuntimeThreads.EVENT_SOURCE_PREFIX + function.name() + (lead ? "" : "-" + (i + 1)));
            worker.setDaemon(true);
            workers.add(worker);
        }
    }

    void start() {
        workers.forEach(Thread::start);
    }

    /**
     * The lead worker polls for as long as the poller runs. The others join when a batch comes back full (the queue
     * has more than one worker keeps up with, which is when Lambda scales up too) and rest again after a batch that
     * was not, so a trickle of messages is gathered into batches by one worker instead of split over five.
     */
    private void pollUntilClosed(boolean lead) {
        while (running) {
            try {
                List<Message> messages = new ArrayList<>(receive(batchSize, WAIT_SECONDS));
                if (messages.isEmpty()) {
                    if (!lead) {
                        rest();
                    }
                    continue;
                }
                gather(messages);
                // Without a window one receive is all a batch gets (at most 10): ten then means there is more.
                boolean full = messages.size() >= (batchingWindowMillis == 0 ? Math.min(batchSize, 10) : batchSize);
                if (full) {
                    synchronized (traffic) {
                        traffic.notifyAll();
                    }
                }
                if (running) {
                    deliver(messages);
                }
                if (!lead && !full) {
                    rest();
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            } catch (RuntimeException e) {
                if (running) {
                    LOG.error("polling {} for {} failed; retrying", queue.spec().name(), function.name(), e);
                    pause();
                }
            }
        }
    }

    /**
     * Tops the batch up to the batch size within the batching window. After a receive that came back short it waits
     * {@value #GATHER_PAUSE_MILLIS} ms, so a window costs at most a few receives however slowly messages trickle in
     * (each receive is an SQS request, and a receive that finds one message costs as much as one that finds ten);
     * after a full one (ten: more are waiting) it receives again at once, so a backlog fills the batch in a moment, as
     * Lambda's pollers do, instead of at ten messages a pause (which held a backlogged queue to about 40 a second).
     */
    private void gather(List<Message> messages) throws InterruptedException {
        long deadline = System.currentTimeMillis() + batchingWindowMillis;
        boolean moreWaiting = messages.size() >= 10;
        while (messages.size() < batchSize && running) {
            long left = deadline - System.currentTimeMillis();
            if (left <= 0) {
                return;
            }
            if (!moreWaiting) {
                Thread.sleep(Math.min(GATHER_PAUSE_MILLIS, left));
            }
            int wanted = Math.min(batchSize - messages.size(), 10);
            List<Message> received = receive(wanted, 0);
            messages.addAll(received);
            moreWaiting = received.size() >= wanted;
        }
    }

    private List<Message> receive(int wanted, int waitSeconds) {
        return sqs.receiveMessage(b -> b.queueUrl(queue.url())
                .waitTimeSeconds(waitSeconds)
                .maxNumberOfMessages(Math.min(wanted, 10))
                .messageSystemAttributeNames(MessageSystemAttributeName.ALL)
                .messageAttributeNames("All")).messages();
    }

    private void deliver(List<Message> messages) {
        SQSBatchResponse response;
        try {
            response = function.invoke(event(messages));
        } catch (RuntimeException | Error e) {
            // As in Lambda, whatever an invocation throws fails that batch, never the poller.
            LOG.error("{} threw on a batch of {}; the messages return after the visibility timeout",
                    function.name(), messages.size(), e);
            return;
        }
        Set<String> failed = response == null || response.getBatchItemFailures() == null ? Set.of()
                : response.getBatchItemFailures().stream()
                        .map(SQSBatchResponse.BatchItemFailure::getItemIdentifier)
                        .collect(Collectors.toSet());
        List<DeleteMessageBatchRequestEntry> done = messages.stream()
                .filter(m -> !failed.contains(m.messageId()))
                .map(m -> DeleteMessageBatchRequestEntry.builder().id(m.messageId()).receiptHandle(m.receiptHandle()).build())
                .toList();
        // SQS deletes at most 10 messages per request; a batch may hold up to the catalog's batch size.
        for (int from = 0; from < done.size(); from += 10) {
            List<DeleteMessageBatchRequestEntry> chunk = done.subList(from, Math.min(done.size(), from + 10));
            sqs.deleteMessageBatch(b -> b.queueUrl(queue.url()).entries(chunk)).failed()
                    .forEach(f -> LOG.warn("could not delete message {} from {}: {}", f.id(), queue.spec().name(), f.message()));
        }
    }

    private SQSEvent event(List<Message> messages) {
        SQSEvent event = new SQSEvent();
        event.setRecords(messages.stream().map(this::record).toList());
        return event;
    }

    private SQSEvent.SQSMessage record(Message message) {
        SQSEvent.SQSMessage record = new SQSEvent.SQSMessage();
        record.setMessageId(message.messageId());
        record.setReceiptHandle(message.receiptHandle());
        record.setBody(message.body());
        record.setMd5OfBody(message.md5OfBody());
        record.setMd5OfMessageAttributes(message.md5OfMessageAttributes());
        record.setAttributes(new LinkedHashMap<>(message.attributesAsStrings()));
        Map<String, SQSEvent.MessageAttribute> attributes = new LinkedHashMap<>();
        message.messageAttributes().forEach((name, value) -> attributes.put(name, attribute(value)));
        record.setMessageAttributes(attributes);
        record.setEventSource("aws:sqs");
        record.setEventSourceArn(queue.arn());
        record.setAwsRegion(region);
        return record;
    }

    private static SQSEvent.MessageAttribute attribute(MessageAttributeValue value) {
        SQSEvent.MessageAttribute attribute = new SQSEvent.MessageAttribute();
        attribute.setDataType(value.dataType());
        attribute.setStringValue(value.stringValue());
        attribute.setBinaryValue(value.binaryValue() == null ? null : value.binaryValue().asByteBuffer());
        attribute.setStringListValues(value.stringListValues());
        attribute.setBinaryListValues(value.binaryListValues().stream().map(SdkBytes::asByteBuffer).toList());
        return attribute;
    }

    private void rest() throws InterruptedException {
        synchronized (traffic) {
            if (running) {
                traffic.wait();
            }
        }
    }

    private void pause() {
        try {
            Thread.sleep(ERROR_BACKOFF_MILLIS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            running = false;
        }
    }

    /** Stops after the current receives (at most {@value #WAIT_SECONDS} s) and lets running batches finish. */
    @Override
    public void close() {
        running = false;
        synchronized (traffic) {
            traffic.notifyAll();
        }
        long deadline = System.nanoTime() + (WAIT_SECONDS + 5) * 1_000_000_000L;
        for (Thread worker : workers) {
            try {
                worker.join(Math.max(1, (deadline - System.nanoTime()) / 1_000_000));
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                break;
            }
        }
        if (workers.stream().anyMatch(Thread::isAlive)) {
            LOG.warn("{} is still handling a batch; not waiting for it", function.name());
        }
    }
}
