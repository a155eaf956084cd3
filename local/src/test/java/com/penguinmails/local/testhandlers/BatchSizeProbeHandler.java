package com.penguinmails.local.testhandlers;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestHandler;
import com.amazonaws.services.lambda.runtime.events.SQSBatchResponse;
import com.amazonaws.services.lambda.runtime.events.SQSEvent;
import com.penguinmails.core.platform.Platform;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

/** Records the size of every batch it is given, in this JVM: what LocalBatchingTest reads. One platform at a time uses it. */
public final class BatchSizeProbeHandler implements RequestHandler<SQSEvent, SQSBatchResponse> {

    private static final List<Integer> SIZES = new CopyOnWriteArrayList<>();

    public BatchSizeProbeHandler(Platform platform) {
        // nothing to wire
    }

    public static void reset() {
        SIZES.clear();
    }

    public static List<Integer> sizes() {
        return List.copyOf(SIZES);
    }

    @Override
    public SQSBatchResponse handleRequest(SQSEvent event, Context context) {
        SIZES.add(event.getRecords().size());
        return new SQSBatchResponse(List.of());
    }
}
