package com.penguinmails.functions.sqs;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.events.SQSBatchResponse;
import com.amazonaws.services.lambda.runtime.events.SQSEvent;
import com.penguinmails.functions.observability.Observability;
import java.util.ArrayList;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Partial batch failures for SQS-triggered functions: each message is processed on its own; one that throws is
 * reported in {@code batchItemFailures} so only it comes back (and after maxReceiveCount lands in the DLQ), while
 * the rest of the batch is deleted. The event source mapping must have ReportBatchItemFailures on (CDK does).
 */
public final class SqsBatch {

    private static final Logger LOG = LoggerFactory.getLogger(SqsBatch.class);

    /** The work for one message; may throw anything. */
    @FunctionalInterface
    public interface MessageWork {
        void process(SQSEvent.SQSMessage message) throws Exception;
    }

    private SqsBatch() {
    }

    public static SQSBatchResponse process(SQSEvent event, Context context, MessageWork work) {
        List<SQSBatchResponse.BatchItemFailure> failures = new ArrayList<>();
        for (SQSEvent.SQSMessage message : event.getRecords()) {
            String correlationId = correlationId(message);
            Observability.withRequest(context, correlationId, () -> {
                try {
                    work.process(message);
                } catch (Exception e) {
                    LOG.warn("message {} failed (receive count {}); it will be retried, then dead-lettered",
                            message.getMessageId(), message.getAttributes() == null ? "?" : message.getAttributes().get("ApproximateReceiveCount"), e);
                    failures.add(new SQSBatchResponse.BatchItemFailure(message.getMessageId()));
                }
                return null;
            });
        }
        return new SQSBatchResponse(failures);
    }

    private static String correlationId(SQSEvent.SQSMessage message) {
        if (message.getMessageAttributes() != null && message.getMessageAttributes().containsKey("correlationId")) {
            String value = message.getMessageAttributes().get("correlationId").getStringValue();
            if (value != null) {
                return value;
            }
        }
        return message.getMessageId();
    }
}
