package com.penguinmails.functions.eventlog;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestHandler;
import com.amazonaws.services.lambda.runtime.events.SQSBatchResponse;
import com.amazonaws.services.lambda.runtime.events.SQSEvent;
import com.penguinmails.core.events.PlatformEventJson;
import com.penguinmails.core.platform.Platform;
import com.penguinmails.eventlog.EventLogService;
import com.penguinmails.eventlog.wiring.EventLogWiring;
import com.penguinmails.functions.observability.Observability;
import com.penguinmails.functions.sqs.SqsBatch;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Records each platform event of the {@code event-log} queue (one CloudEvent JSON per message) in the workspace's
 * event log, once: a redelivered batch finds its events already there. A message that cannot be read fails alone and
 * ends in the DLQ after the queue's retries.
 */
public final class EventLogWriterHandler implements RequestHandler<SQSEvent, SQSBatchResponse> {

    private final EventLogService eventLog;

    public EventLogWriterHandler() {
        this(Platform.fromEnvironment());
    }

    public EventLogWriterHandler(Platform platform) {
        this.eventLog = EventLogWiring.writer(platform);
    }

    @Override
    public SQSBatchResponse handleRequest(SQSEvent event, Context context) {
        AtomicInteger recorded = new AtomicInteger();
        SQSBatchResponse response = SqsBatch.process(event, context, message -> {
            if (eventLog.record(PlatformEventJson.read(message.getBody())) == EventLogService.Outcome.RECORDED) {
                recorded.incrementAndGet();
            }
        });
        Observability.count("PlatformEventsLogged", recorded.get());
        return response;
    }
}
