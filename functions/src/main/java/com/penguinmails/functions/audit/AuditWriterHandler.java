package com.penguinmails.functions.audit;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestHandler;
import com.amazonaws.services.lambda.runtime.events.SQSBatchResponse;
import com.amazonaws.services.lambda.runtime.events.SQSEvent;
import com.penguinmails.core.platform.Json;
import com.penguinmails.core.platform.Platform;
import com.penguinmails.functions.observability.Observability;
import com.penguinmails.functions.sqs.SqsBatch;
import com.penguinmails.identity.IdentityWiring;
import com.penguinmails.identity.audit.AuditEvent;
import com.penguinmails.identity.audit.AuditTrail;

/** Writes queued audit events; a replayed message is a no-op because the log's writes are conditional on the id. */
public final class AuditWriterHandler implements RequestHandler<SQSEvent, SQSBatchResponse> {

    private final AuditTrail auditTrail;

    public AuditWriterHandler() {
        this(Platform.fromEnvironment());
    }

    public AuditWriterHandler(Platform platform) {
        this.auditTrail = IdentityWiring.auditTrail(platform);
    }

    @Override
    public SQSBatchResponse handleRequest(SQSEvent event, Context context) {
        SQSBatchResponse response = SqsBatch.process(event, context, message ->
                auditTrail.appendQueued(Json.MAPPER.readValue(message.getBody(), AuditEvent.class)));
        Observability.count("AuditEventsWritten", event.getRecords().size() - response.getBatchItemFailures().size());
        return response;
    }
}
