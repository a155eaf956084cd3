package com.penguinmails.functions.sending;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestHandler;
import com.amazonaws.services.lambda.runtime.events.SQSBatchResponse;
import com.amazonaws.services.lambda.runtime.events.SQSEvent;
import com.penguinmails.core.CoreWiring;
import com.penguinmails.core.events.PlatformEventPublisher;
import com.penguinmails.core.events.PlatformEvents;
import com.penguinmails.core.platform.Json;
import com.penguinmails.core.platform.Platform;
import com.penguinmails.functions.http.StoreOutages;
import com.penguinmails.functions.observability.Observability;
import com.penguinmails.functions.sqs.SqsBatch;
import com.penguinmails.mailadapters.MailWiring;
import com.penguinmails.mailadapters.SesTransport;
import com.penguinmails.mailadapters.SmtpTransport;
import com.penguinmails.sending.ips.DedicatedIp;
import com.penguinmails.sending.ips.PoolProvisioner;
import com.penguinmails.sending.mail.MailTransport;
import com.penguinmails.sending.mail.SmtpSecurity;
import com.penguinmails.sending.messages.Content;
import com.penguinmails.sending.messages.MessageStore;
import com.penguinmails.sending.messages.OutboundQueue;
import com.penguinmails.sending.outbound.RetryPolicy;
import com.penguinmails.sending.outbound.SendingService;
import java.time.Duration;
import java.util.EnumMap;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Sends queued messages (see {@link SendingService} for the at-most-once steps); one failure never fails the batch. */
public final class SenderHandler implements RequestHandler<SQSEvent, SQSBatchResponse> {

    private static final Logger LOG = LoggerFactory.getLogger(SenderHandler.class);

    /**
     * Kept back from the invocation's remaining time: the last call (giving a message back) and the batch answer. Not
     * the give-back of the batch's unused cap units as well: if the store stalls then, the worst is that the
     * invocation times out, the tickets it finished come back and find themselves handled, and the units stay counted
     * (fewer sends that day, never more).
     */
    private static final Duration SPARE = Duration.ofSeconds(1);

    private final SendingService sending;
    private final Duration oneCall;
    /** A batch's sends run at once: each mostly waits on the store and on SMTP, and Lambda bills the wall time. */
    private final ExecutorService workers = SqsBatch.workers("send");

    public SenderHandler() {
        this(Platform.fromEnvironment());
    }

    public SenderHandler(Platform platform) {
        this(platform, CoreWiring.platformEvents(platform));
    }

    /** {@code events}: where message.sent, and the message.deferred and message.failed the sender decides, go. */
    public SenderHandler(Platform platform, PlatformEventPublisher events) {
        this.oneCall = platform.sdkTimeouts().limited() ? platform.sdkTimeouts().apiCall() : Duration.ZERO;
        this.sending = MailWiring.sendingService(platform, events);
    }

    @Override
    public SQSBatchResponse handleRequest(SQSEvent event, Context context) {
        Map<SendingService.Outcome, Integer> outcomes = new EnumMap<>(SendingService.Outcome.class);
        SQSBatchResponse response;
        // The batch's tickets share cap blocks (about one ledger write per IP for the batch, the rest given back at the
        // end) and their events go out together when it closes, ten to an SNS request. If that publish fails the
        // invocation fails, so every ticket comes back and republishes what it finds done: nothing is acknowledged unpublished.
        try (SendingService.Batch batch = sending.batch(Math.max(1, event.getRecords().size()))) {
            response = SqsBatch.processConcurrently(event, context, workers, message -> {
                OutboundQueue.Ticket ticket = Json.MAPPER.readValue(message.getBody(), OutboundQueue.Ticket.class);
                if (context != null && timeLeft(context).isNegative()) {
                    // Too late in this invocation to claim and still give the message back if the store does not answer.
                    throw new SendingService.RetryLater("too little time left in this invocation", null);
                }
                SendingService.Outcome outcome = batch.send(ticket, context == null ? SendingService.Patience.NONE
                        : new SendingService.Patience(() -> timeLeft(context), StoreOutages::isOutage));
                synchronized (outcomes) {
                    outcomes.merge(outcome, 1, Integer::sum);
                }
            });
        }
        LOG.info("sender batch: {} messages, outcomes {}, {} to retry", event.getRecords().size(), outcomes,
                response.getBatchItemFailures().size());
        outcomes.forEach((outcome, count) -> Observability.count("Messages" + capitalised(outcome.name()), count));
        return response;
    }

    /** How long a send may keep waiting for a store: what Lambda leaves us, less one call and a spare second. */
    private Duration timeLeft(Context context) {
        return Duration.ofMillis(context.getRemainingTimeInMillis()).minus(oneCall).minus(SPARE);
    }

    private static String capitalised(String value) {
        String lower = value.toLowerCase(java.util.Locale.ROOT).replace("_", "");
        return Character.toUpperCase(lower.charAt(0)) + lower.substring(1);
    }
}
