package com.penguinmails.local.testhandlers;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestHandler;
import com.amazonaws.services.lambda.runtime.events.SQSBatchResponse;
import com.amazonaws.services.lambda.runtime.events.SQSEvent;
import com.penguinmails.core.platform.Platform;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

/**
 * Records each message in the {@code records} table (pk {@code sqs}, sk the message id); a message whose body is
 * {@code fail} is reported as a batch item failure instead, every time.
 */
public final class RecordingSqsHandler implements RequestHandler<SQSEvent, SQSBatchResponse> {

    private final Platform platform;

    public RecordingSqsHandler(Platform platform) {
        this.platform = platform;
    }

    @Override
    public SQSBatchResponse handleRequest(SQSEvent event, Context context) {
        List<SQSBatchResponse.BatchItemFailure> failures = new ArrayList<>();
        for (SQSEvent.SQSMessage message : event.getRecords()) {
            if ("fail".equals(message.getBody())) {
                failures.add(new SQSBatchResponse.BatchItemFailure(message.getMessageId()));
                continue;
            }
            platform.dynamoDb().putItem(b -> b.tableName(platform.tableName("records")).item(Map.of(
                    "pk", AttributeValue.fromS("sqs"),
                    "sk", AttributeValue.fromS(message.getMessageId()),
                    "body", AttributeValue.fromS(message.getBody()),
                    "eventSource", AttributeValue.fromS(message.getEventSource()),
                    "eventSourceArn", AttributeValue.fromS(message.getEventSourceArn()),
                    "receiveCount", AttributeValue.fromS(message.getAttributes().get("ApproximateReceiveCount")))));
        }
        return new SQSBatchResponse(failures);
    }
}
