package com.penguinmails.functions.audit;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestHandler;
import com.amazonaws.services.lambda.runtime.events.SQSBatchResponse;
import com.amazonaws.services.lambda.runtime.events.SQSEvent;
import com.penguinmails.functions.observability.Observability;
import com.penguinmails.functions.sqs.SqsBatch;
import com.penguinmails.shared.audit.AuditEvent;
import com.penguinmails.shared.audit.AuditLog;
import com.penguinmails.shared.platform.Json;
import com.penguinmails.shared.platform.Platform;
import com.penguinmails.shared.wiring.Services;

/** Writes queued audit events; a replayed message is a no-op because the log's writes are conditional on the id. */
public final class AuditWriterHandler implements RequestHandler<SQSEvent, SQSBatchResponse> {

    private final AuditLog auditLog;

    public AuditWriterHandler() {
        this(Platform.fromEnvironment());
    }

    public AuditWriterHandler(Platform platform) {
        this.auditLog = Services.auditLog(platform);
    }

    @Override
    public SQSBatchResponse handleRequest(SQSEvent event, Context context) {
        SQSBatchResponse response = SqsBatch.process(event, context, message ->
                auditLog.append(Json.MAPPER.readValue(message.getBody(), AuditEvent.class)));
        Observability.count("AuditEventsWritten", event.getRecords().size() - response.getBatchItemFailures().size());
        return response;
    }
}
