package com.penguinmails.local.testhandlers;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestHandler;
import com.amazonaws.services.lambda.runtime.events.SQSBatchResponse;
import com.amazonaws.services.lambda.runtime.events.SQSEvent;
import com.penguinmails.core.platform.Platform;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Holds each batch for {@value #HOLD_MILLIS} ms and records, in this JVM, how many batches it held at once at most
 * and how many messages it was given: what LocalConcurrencyTest reads. One platform at a time uses it.
 */
public final class ConcurrencyProbeHandler implements RequestHandler<SQSEvent, SQSBatchResponse> {

    public static final long HOLD_MILLIS = 300;
    private static final AtomicInteger RUNNING = new AtomicInteger();
    private static final AtomicInteger MOST_AT_ONCE = new AtomicInteger();
    private static final AtomicInteger MESSAGES = new AtomicInteger();

    public ConcurrencyProbeHandler(Platform platform) {
        // nothing to wire
    }

    public static void reset() {
        MOST_AT_ONCE.set(0);
        MESSAGES.set(0);
    }

    public static int mostAtOnce() {
        return MOST_AT_ONCE.get();
    }

    public static int messages() {
        return MESSAGES.get();
    }

    @Override
    public SQSBatchResponse handleRequest(SQSEvent event, Context context) {
        int now = RUNNING.incrementAndGet();
        MOST_AT_ONCE.accumulateAndGet(now, Math::max);
        try {
            Thread.sleep(HOLD_MILLIS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } finally {
            RUNNING.decrementAndGet();
        }
        MESSAGES.addAndGet(event.getRecords().size());
        return new SQSBatchResponse(List.of());
    }
}
