package com.penguinmails.local.testhandlers;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestHandler;
import com.amazonaws.services.lambda.runtime.events.SQSBatchResponse;
import com.amazonaws.services.lambda.runtime.events.SQSEvent;
import com.penguinmails.core.platform.Platform;
import java.util.List;

/**
 * Takes 2 s, past its 1 s catalog timeout, then reports the whole batch done. Lambda would have failed the
 * invocation at the timeout, so the messages must come back anyway and, after maxReceiveCount, reach the DLQ.
 */
public final class OverrunningSqsHandler implements RequestHandler<SQSEvent, SQSBatchResponse> {

    public OverrunningSqsHandler(Platform platform) {
    }

    @Override
    public SQSBatchResponse handleRequest(SQSEvent event, Context context) {
        try {
            Thread.sleep(2_000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        return new SQSBatchResponse(List.of());
    }
}
