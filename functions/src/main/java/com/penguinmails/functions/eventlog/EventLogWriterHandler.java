package com.penguinmails.functions.eventlog;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestHandler;
import com.amazonaws.services.lambda.runtime.events.SQSBatchResponse;
import com.amazonaws.services.lambda.runtime.events.SQSEvent;
import com.penguinmails.core.platform.Platform;
import com.penguinmails.eventlog.EventLogService;
import com.penguinmails.eventlog.wiring.EventLogWiring;
import com.penguinmails.functions.observability.Observability;
import com.penguinmails.functions.sqs.PlatformEventBatch;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Records the platform events of an {@code event-log} batch (one CloudEvent JSON per message) in their workspaces'
 * event logs, all at once, so the log packs them into a few items: a redelivered batch finds its events there, and an
 * event redelivered in another batch is still listed once. A message that cannot be read, or whose event could not be
 * written, fails alone and ends in the DLQ after the queue's retries.
 */
public final class EventLogWriterHandler implements RequestHandler<SQSEvent, SQSBatchResponse> {

    private static final Logger LOG = LoggerFactory.getLogger(EventLogWriterHandler.class);

    private final EventLogService eventLog;

    public EventLogWriterHandler() {
        this(Platform.fromEnvironment());
    }

    public EventLogWriterHandler(Platform platform) {
        this.eventLog = EventLogWiring.writer(platform);
    }

    @Override
    public SQSBatchResponse handleRequest(SQSEvent event, Context context) {
        PlatformEventBatch batch = PlatformEventBatch.read(event);
        try {
            EventLogService.BatchOutcome outcome = Observability.withRequest(context, "event-log", () -> eventLog.recordAll(batch.events()));
            outcome.failed().forEach((eventId, cause) ->
                    LOG.warn("event {} was not recorded; its messages {} will be retried", eventId, batch.messagesOf(eventId), cause));
            Observability.count("PlatformEventsLogged", outcome.recorded());
            return batch.failing(outcome.failed().keySet());
        } catch (RuntimeException e) {
            // Writing a pack again is safe (the same events find it; others are listed once), so the whole batch may retry.
            LOG.error("recording the batch failed; its events will be retried", e);
            return batch.failingAll();
        }
    }
}
