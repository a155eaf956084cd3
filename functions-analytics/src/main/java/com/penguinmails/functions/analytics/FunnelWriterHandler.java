package com.penguinmails.functions.analytics;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestHandler;
import com.amazonaws.services.lambda.runtime.events.SQSBatchResponse;
import com.amazonaws.services.lambda.runtime.events.SQSEvent;
import com.penguinmails.analytics.funnel.FunnelWriter;
import com.penguinmails.analytics.wiring.FunnelWiring;
import com.penguinmails.core.platform.Platform;
import com.penguinmails.functions.observability.Observability;
import com.penguinmails.functions.sqs.PlatformEventBatch;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Moves contacts through their campaigns' funnels from a {@code funnel} batch (message and channel events, one
 * CloudEvent JSON per message), all at once: one write per contact that moved. Applying an event twice changes
 * nothing, so only the messages of events whose contact could not be written are retried.
 */
public final class FunnelWriterHandler implements RequestHandler<SQSEvent, SQSBatchResponse> {

    private static final Logger LOG = LoggerFactory.getLogger(FunnelWriterHandler.class);

    private final FunnelWriter writer;

    public FunnelWriterHandler() {
        this(Platform.fromEnvironment());
    }

    public FunnelWriterHandler(Platform platform) {
        this.writer = FunnelWiring.writer(platform);
    }

    @Override
    public SQSBatchResponse handleRequest(SQSEvent event, Context context) {
        PlatformEventBatch batch = PlatformEventBatch.read(event);
        FunnelWriter.Outcome outcome = Observability.withRequest(context, "funnel-writer", () -> writer.record(batch.events()));
        outcome.failed().forEach((eventId, cause) ->
                LOG.warn("event {} did not reach its funnel entry; its messages {} will be retried", eventId, batch.messagesOf(eventId), cause));
        Observability.count("FunnelEntriesWritten", outcome.writes());
        return batch.failing(outcome.failed().keySet());
    }
}
