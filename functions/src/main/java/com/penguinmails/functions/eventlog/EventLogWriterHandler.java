package com.penguinmails.functions.eventlog;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestHandler;
import com.amazonaws.services.lambda.runtime.events.SQSBatchResponse;
import com.amazonaws.services.lambda.runtime.events.SQSEvent;
import com.penguinmails.core.events.PlatformEvent;
import com.penguinmails.core.events.PlatformEventJson;
import com.penguinmails.core.platform.Platform;
import com.penguinmails.eventlog.EventLogService;
import com.penguinmails.eventlog.wiring.EventLogWiring;
import com.penguinmails.functions.observability.Observability;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
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
        List<SQSBatchResponse.BatchItemFailure> failures = new ArrayList<>();
        List<PlatformEvent> events = new ArrayList<>();
        // By event id: a message whose event was not written comes back, and so does a second message of the same event.
        Map<String, List<String>> messagesByEvent = new LinkedHashMap<>();
        for (SQSEvent.SQSMessage message : event.getRecords()) {
            try {
                PlatformEvent platformEvent = PlatformEventJson.read(message.getBody());
                events.add(platformEvent);
                messagesByEvent.computeIfAbsent(platformEvent.id(), id -> new ArrayList<>()).add(message.getMessageId());
            } catch (RuntimeException e) {
                LOG.warn("message {} is not a platform event (receive count {}); it will be retried, then dead-lettered",
                        message.getMessageId(), receiveCount(message), e);
                failures.add(new SQSBatchResponse.BatchItemFailure(message.getMessageId()));
            }
        }
        try {
            EventLogService.BatchOutcome outcome = Observability.withRequest(context, "event-log", () -> eventLog.recordAll(events));
            outcome.failed().forEach((eventId, cause) -> {
                LOG.warn("event {} was not recorded; its messages {} will be retried", eventId, messagesByEvent.get(eventId), cause);
                messagesByEvent.get(eventId).forEach(id -> failures.add(new SQSBatchResponse.BatchItemFailure(id)));
            });
            Observability.count("PlatformEventsLogged", outcome.recorded());
        } catch (RuntimeException e) {
            // Writing a pack again is safe (the same events find it; others are listed once), so the whole batch may retry.
            LOG.error("recording the batch failed; its events will be retried", e);
            messagesByEvent.values().forEach(ids -> ids.forEach(id -> failures.add(new SQSBatchResponse.BatchItemFailure(id))));
        }
        return new SQSBatchResponse(failures);
    }

    private static String receiveCount(SQSEvent.SQSMessage message) {
        return message.getAttributes() == null ? "?" : message.getAttributes().get("ApproximateReceiveCount");
    }
}
