package com.penguinmails.functions.sqs;

import com.amazonaws.services.lambda.runtime.events.SQSBatchResponse;
import com.amazonaws.services.lambda.runtime.events.SQSEvent;
import com.penguinmails.core.events.PlatformEvent;
import com.penguinmails.core.events.PlatformEventJson;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The platform events of a consumer's SQS batch (one CloudEvent JSON per message), read at once for a service that
 * takes them all together. A message that is not a platform event fails alone. Messages are kept by event id: a
 * message whose event was not handled comes back, and so does a second message of the same event.
 */
public final class PlatformEventBatch {

    private static final Logger LOG = LoggerFactory.getLogger(PlatformEventBatch.class);

    private final List<PlatformEvent> events;
    private final Map<String, List<String>> messagesByEvent;
    private final List<String> unreadable;

    private PlatformEventBatch(List<PlatformEvent> events, Map<String, List<String>> messagesByEvent, List<String> unreadable) {
        this.events = events;
        this.messagesByEvent = messagesByEvent;
        this.unreadable = unreadable;
    }

    public static PlatformEventBatch read(SQSEvent event) {
        List<PlatformEvent> events = new ArrayList<>();
        Map<String, List<String>> messagesByEvent = new LinkedHashMap<>();
        List<String> unreadable = new ArrayList<>();
        for (SQSEvent.SQSMessage message : event.getRecords()) {
            try {
                PlatformEvent platformEvent = PlatformEventJson.read(message.getBody());
                events.add(platformEvent);
                messagesByEvent.computeIfAbsent(platformEvent.id(), id -> new ArrayList<>()).add(message.getMessageId());
            } catch (RuntimeException e) {
                LOG.warn("message {} is not a platform event (receive count {}); it will be retried, then dead-lettered",
                        message.getMessageId(), receiveCount(message), e);
                unreadable.add(message.getMessageId());
            }
        }
        return new PlatformEventBatch(events, messagesByEvent, unreadable);
    }

    public List<PlatformEvent> events() {
        return events;
    }

    /** The SQS messages that carried the event. */
    public List<String> messagesOf(String eventId) {
        return messagesByEvent.getOrDefault(eventId, List.of());
    }

    /** Retries the unreadable messages and every message of the events that failed. */
    public SQSBatchResponse failing(Collection<String> failedEventIds) {
        List<SQSBatchResponse.BatchItemFailure> failures = new ArrayList<>();
        unreadable.forEach(id -> failures.add(new SQSBatchResponse.BatchItemFailure(id)));
        failedEventIds.forEach(eventId -> messagesOf(eventId).forEach(id -> failures.add(new SQSBatchResponse.BatchItemFailure(id))));
        return new SQSBatchResponse(failures);
    }

    /** Retries every message: the batch as a whole failed. */
    public SQSBatchResponse failingAll() {
        return failing(messagesByEvent.keySet());
    }

    private static String receiveCount(SQSEvent.SQSMessage message) {
        return message.getAttributes() == null ? "?" : message.getAttributes().get("ApproximateReceiveCount");
    }
}
