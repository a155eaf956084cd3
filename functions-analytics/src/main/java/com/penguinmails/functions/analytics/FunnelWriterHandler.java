package com.penguinmails.functions.analytics;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestHandler;
import com.amazonaws.services.lambda.runtime.events.SQSBatchResponse;
import com.amazonaws.services.lambda.runtime.events.SQSEvent;
import com.penguinmails.analytics.funnel.FunnelWriter;
import com.penguinmails.analytics.wiring.FunnelWiring;
import com.penguinmails.core.events.PlatformEvent;
import com.penguinmails.core.events.PlatformEventJson;
import com.penguinmails.core.platform.Platform;
import com.penguinmails.functions.observability.Observability;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
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
        List<SQSBatchResponse.BatchItemFailure> failures = new ArrayList<>();
        List<PlatformEvent> events = new ArrayList<>();
        Map<String, List<String>> messagesByEvent = new LinkedHashMap<>();
        for (SQSEvent.SQSMessage message : event.getRecords()) {
            try {
                PlatformEvent platformEvent = PlatformEventJson.read(message.getBody());
                events.add(platformEvent);
                messagesByEvent.computeIfAbsent(platformEvent.id(), id -> new ArrayList<>()).add(message.getMessageId());
            } catch (RuntimeException e) {
                LOG.warn("message {} is not a platform event; it will be retried, then dead-lettered", message.getMessageId(), e);
                failures.add(new SQSBatchResponse.BatchItemFailure(message.getMessageId()));
            }
        }
        FunnelWriter.Outcome outcome = Observability.withRequest(context, "funnel-writer", () -> writer.record(events));
        outcome.failed().forEach((eventId, cause) -> {
            LOG.warn("event {} did not reach its funnel entry; its messages {} will be retried", eventId, messagesByEvent.get(eventId), cause);
            messagesByEvent.getOrDefault(eventId, List.of()).forEach(id -> failures.add(new SQSBatchResponse.BatchItemFailure(id)));
        });
        Observability.count("FunnelEntriesWritten", outcome.writes());
        return new SQSBatchResponse(failures);
    }
}
