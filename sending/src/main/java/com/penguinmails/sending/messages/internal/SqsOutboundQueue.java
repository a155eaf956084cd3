package com.penguinmails.sending.messages.internal;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.penguinmails.core.platform.Json;
import com.penguinmails.sending.messages.OutboundQueue;
import java.util.ArrayList;
import java.util.List;
import software.amazon.awssdk.services.sqs.SqsClient;
import software.amazon.awssdk.services.sqs.model.SendMessageBatchRequestEntry;
import software.amazon.awssdk.services.sqs.model.SendMessageBatchResponse;

/** Tickets go to the outbound queue ten to a request (SQS's batch limit); failed entries are retried once. */
public final class SqsOutboundQueue implements OutboundQueue {

    private static final int SQS_BATCH = 10;

    private final SqsClient sqs;
    private final String queueUrl;

    public SqsOutboundQueue(SqsClient sqs, String queueUrl) {
        this.sqs = sqs;
        this.queueUrl = queueUrl;
    }

    @Override
    public void enqueue(List<Ticket> tickets) {
        for (int from = 0; from < tickets.size(); from += SQS_BATCH) {
            List<SendMessageBatchRequestEntry> entries = new ArrayList<>();
            List<Ticket> chunk = tickets.subList(from, Math.min(tickets.size(), from + SQS_BATCH));
            for (int i = 0; i < chunk.size(); i++) {
                entries.add(SendMessageBatchRequestEntry.builder().id(Integer.toString(i)).messageBody(body(chunk.get(i))).build());
            }
            List<SendMessageBatchRequestEntry> pending = entries;
            for (int attempt = 0; attempt < 2 && !pending.isEmpty(); attempt++) {
                List<SendMessageBatchRequestEntry> toSend = pending;
                SendMessageBatchResponse response = sqs.sendMessageBatch(r -> r.queueUrl(queueUrl).entries(toSend));
                List<String> failed = response.failed().stream().map(f -> f.id()).toList();
                pending = toSend.stream().filter(e -> failed.contains(e.id())).toList();
            }
            if (!pending.isEmpty()) {
                throw new IllegalStateException(pending.size() + " messages could not be queued for sending");
            }
        }
    }

    public static String body(Ticket ticket) {
        try {
            return Json.MAPPER.writeValueAsString(ticket);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }
}
