package com.penguinmails.functions.events;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestHandler;
import com.amazonaws.services.lambda.runtime.events.SQSBatchResponse;
import com.amazonaws.services.lambda.runtime.events.SQSEvent;
import com.penguinmails.core.CoreWiring;
import com.penguinmails.core.events.PlatformEventPublisher;
import com.penguinmails.core.events.PlatformEvents;
import com.penguinmails.core.platform.Platform;
import com.penguinmails.functions.observability.Observability;
import com.penguinmails.sending.SendingWiring;
import com.penguinmails.sending.delivery.DeliveryEvent;
import com.penguinmails.sending.delivery.EventIngestService;
import com.penguinmails.sending.delivery.SesEventParser;
import com.penguinmails.sending.ips.PoolProvisioner;
import com.penguinmails.sending.reputation.ReputationPolicy;
import java.util.ArrayList;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Ingests SES event notifications, tracking events and bounce reports found in sending mailboxes. Messages that do not parse are reported as failed, so they
 * are retried and then land in the DLQ for a person to look at; the rest of the batch is applied together, which
 * lets each per-resource and per-domain ledger row be written twice per batch (its counts with pending marks, then
 * the marks' removal) rather than per event.
 */
public final class EventIngestHandler implements RequestHandler<SQSEvent, SQSBatchResponse> {

    private static final Logger LOG = LoggerFactory.getLogger(EventIngestHandler.class);

    private final EventIngestService ingest;

    public EventIngestHandler() {
        this(Platform.fromEnvironment());
    }

    public EventIngestHandler(Platform platform) {
        this(platform, CoreWiring.platformEvents(platform));
    }

    /** {@code events}: where the message, suppression and pause events of what ingest applied go. */
    public EventIngestHandler(Platform platform, PlatformEventPublisher events) {
        this.ingest = new EventIngestService(SendingWiring.messageStore(platform), SendingWiring.suppressionService(platform),
                SendingWiring.sendLedger(platform), SendingWiring.ipService(platform, PoolProvisioner.NONE),
                SendingWiring.mailboxServiceWithoutPasswords(platform), platform.clock(), ReputationPolicy.defaults(),
                EventIngestService::newAttemptId, events);
    }

    @Override
    public SQSBatchResponse handleRequest(SQSEvent event, Context context) {
        List<SQSBatchResponse.BatchItemFailure> failures = new ArrayList<>();
        List<DeliveryEvent> parsed = new ArrayList<>();
        List<String> parsedIds = new ArrayList<>();
        for (SQSEvent.SQSMessage message : event.getRecords()) {
            try {
                parsed.add(SesEventParser.parse(message.getBody()));
                parsedIds.add(message.getMessageId());
            } catch (RuntimeException e) {
                LOG.warn("event {} rejected: {}", message.getMessageId(), e.getMessage());
                failures.add(new SQSBatchResponse.BatchItemFailure(message.getMessageId()));
            }
        }
        try {
            EventIngestService.Summary summary = Observability.withRequest(context, "event-ingest", () -> ingest.ingest(parsed));
            LOG.info("ingested {} events: {} applied, {} duplicates, paused IPs {}, paused mailboxes {}", parsed.size(), summary.applied(),
                    summary.duplicates(), summary.pausedIps(), summary.pausedMailboxes());
            Observability.count("DeliveryEventsApplied", summary.applied());
        } catch (RuntimeException e) {
            // Applying and counting are exactly-once per event however far this got, so retrying the whole parsed part is
            // safe; and a retry publishes again what this attempt may not have (same ids: consumers de-duplicate).
            LOG.error("ingest failed; the batch's events will be retried", e);
            parsedIds.forEach(id -> failures.add(new SQSBatchResponse.BatchItemFailure(id)));
        }
        return new SQSBatchResponse(failures);
    }
}
