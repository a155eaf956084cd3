package com.penguinmails.mailadapters;

import com.penguinmails.core.platform.Json;
import com.penguinmails.sending.mail.MailTransport;
import com.penguinmails.sending.mail.OutgoingEmail;
import java.time.Clock;
import java.util.List;
import java.util.Map;
import software.amazon.awssdk.services.sqs.SqsClient;

/**
 * Local platform only: what SES's configuration set does in AWS. After the SMTP sink accepts a mail, publishes an
 * SES-shaped {@code Delivery} event (same JSON, same tags) to the delivery-events queue, so the ingest function and
 * everything after it run exactly as they do in AWS.
 */
final class SimulatedSesEvents implements MailTransport {

    private final MailTransport delegate;
    private final SqsClient sqs;
    private final String queueUrl;
    private final Clock clock;

    SimulatedSesEvents(MailTransport delegate, SqsClient sqs, String queueUrl, Clock clock) {
        this.delegate = delegate;
        this.sqs = sqs;
        this.queueUrl = queueUrl;
        this.clock = clock;
    }

    @Override
    public void send(OutgoingEmail email, SendingIdentity identity) {
        delegate.send(email, identity);
        String messageId = email.messageId();
        String workspaceId = identity.workspaceId();
        String now = clock.instant().toString();
        Map<String, Object> event = Map.of(
                "eventType", "Delivery",
                "mail", Map.of("timestamp", now, "source", email.envelopeFrom(), "messageId", messageId,
                        "destination", email.recipients(),
                        "tags", Map.of("pm-workspace", List.of(workspaceId), "pm-message", List.of(messageId),
                                "pm-resource", List.of(identity.resourceId()), "ses:configuration-set", List.of(identity.configurationSet()))),
                "delivery", Map.of("timestamp", now, "processingTimeMillis", 1, "recipients", email.recipients(),
                        "smtpResponse", "250 OK (local SMTP sink)", "reportingMTA", "localhost"));
        try {
            String body = Json.MAPPER.writeValueAsString(event);
            // SES reports a delivery a moment after accepting the mail, never before; the delay keeps that order here.
            sqs.sendMessage(r -> r.queueUrl(queueUrl).messageBody(body).delaySeconds(1));
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }
}
