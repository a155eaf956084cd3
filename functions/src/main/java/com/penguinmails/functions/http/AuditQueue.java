package com.penguinmails.functions.http;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.penguinmails.core.platform.Json;
import com.penguinmails.core.platform.Platform;
import com.penguinmails.identity.audit.AuditEvent;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import software.amazon.awssdk.services.sqs.model.MessageAttributeValue;

/**
 * Sends audit events to the audit-events queue, where {@link AuditWriterHandler} writes them. Used for
 * authentication failures: a flood of bad keys then costs one SQS send each instead of a synchronous
 * DynamoDB write on the request path.
 */
public final class AuditQueue {

    public static final String QUEUE = "audit-events";
    private static final Logger LOG = LoggerFactory.getLogger(AuditQueue.class);

    // The platform, not its SQS client: the client is built on the first failure, not on every cold start.
    private final Platform platform;
    private final String queueUrl;

    public AuditQueue(Platform platform) {
        this.platform = platform;
        this.queueUrl = platform.queueUrl(QUEUE);
    }

    public void send(AuditEvent event, String correlationId) {
        try {
            String body = Json.MAPPER.writeValueAsString(event);
            platform.sqs().sendMessage(r -> r.queueUrl(queueUrl).messageBody(body)
                    .messageAttributes(Map.of("correlationId", MessageAttributeValue.builder()
                            .dataType("String").stringValue(correlationId).build())));
        } catch (JsonProcessingException | RuntimeException e) {
            // Losing an audit line must not turn a 401 into a 500; it is logged with the event for recovery.
            LOG.error("could not queue audit event {} {}", event.action(), event.id(), e);
        }
    }
}
