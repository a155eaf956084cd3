package com.penguinmails.functions.campaigns;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestHandler;
import com.amazonaws.services.lambda.runtime.events.SQSBatchResponse;
import com.amazonaws.services.lambda.runtime.events.SQSEvent;
import com.penguinmails.campaigns.outreach.SequenceEvents;
import com.penguinmails.campaigns.wiring.CampaignsWiring;
import com.penguinmails.core.platform.Platform;
import com.penguinmails.functions.observability.Observability;
import com.penguinmails.functions.sqs.PlatformEventBatch;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Applies a {@code sequences} batch (replies, bounces, complaints, unsubscribes, opens, clicks and channel activity)
 * to the contacts' sequences; only the messages of events that could not be applied are retried.
 */
public final class SequenceEventsHandler implements RequestHandler<SQSEvent, SQSBatchResponse> {

    private static final Logger LOG = LoggerFactory.getLogger(SequenceEventsHandler.class);

    private final SequenceEvents sequences;

    public SequenceEventsHandler() {
        this(Platform.fromEnvironment());
    }

    public SequenceEventsHandler(Platform platform) {
        this.sequences = CampaignsWiring.sequenceEvents(platform);
    }

    @Override
    public SQSBatchResponse handleRequest(SQSEvent event, Context context) {
        PlatformEventBatch batch = PlatformEventBatch.read(event);
        SequenceEvents.Outcome outcome = Observability.withRequest(context, "sequence-events", () -> sequences.apply(batch.events()));
        outcome.failed().forEach((eventId, cause) ->
                LOG.warn("event {} was not applied to its sequence; its messages {} will be retried", eventId, batch.messagesOf(eventId), cause));
        Observability.count("SequenceEnrollmentsChanged", outcome.changed());
        return batch.failing(outcome.failed().keySet());
    }
}
