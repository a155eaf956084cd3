package com.penguinmails.sending.delivery.internal;

import com.penguinmails.sending.delivery.DeliveryEvent;
import com.penguinmails.sending.delivery.DeliveryEventQueue;
import com.penguinmails.sending.delivery.MailboxBounceEvent;
import com.penguinmails.sending.delivery.DeliveryEvent;
import com.penguinmails.sending.delivery.DeliveryEventFormat;
import com.penguinmails.sending.delivery.DeliveryEventQueue;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import software.amazon.awssdk.services.sqs.SqsClient;
import software.amazon.awssdk.services.sqs.model.SendMessageBatchRequestEntry;
import software.amazon.awssdk.services.sqs.model.SendMessageBatchResponse;

/** The delivery-events SQS queue, in batches of up to 10. */
public final class SqsDeliveryEventQueue implements DeliveryEventQueue {

    private static final int BATCH = 10;

    private final SqsClient sqs;
    private final String queueUrl;

    public SqsDeliveryEventQueue(SqsClient sqs, String queueUrl) {
        this.sqs = sqs;
        this.queueUrl = queueUrl;
    }

    @Override
    public void queue(DeliveryEventFormat.Origin origin, List<DeliveryEvent> events, Duration delay) {
        int delaySeconds = (int) delay.toSeconds();
        for (int from = 0; from < events.size(); from += BATCH) {
            List<SendMessageBatchRequestEntry> entries = new ArrayList<>();
            List<DeliveryEvent> batch = events.subList(from, Math.min(events.size(), from + BATCH));
            for (int i = 0; i < batch.size(); i++) {
                entries.add(SendMessageBatchRequestEntry.builder().id(Integer.toString(i))
                        .messageBody(DeliveryEventFormat.toJson(origin, batch.get(i))).delaySeconds(delaySeconds).build());
            }
            SendMessageBatchResponse response = sqs.sendMessageBatch(r -> r.queueUrl(queueUrl).entries(entries));
            if (!response.failed().isEmpty()) {
                throw new IllegalStateException("delivery-events refused " + response.failed().size() + " of " + entries.size()
                        + " events: " + response.failed().get(0).message());
            }
        }
    }
}
