package com.penguinmails.functions.sending;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestHandler;
import com.amazonaws.services.lambda.runtime.events.SQSBatchResponse;
import com.amazonaws.services.lambda.runtime.events.SQSEvent;
import com.penguinmails.functions.http.StoreOutages;
import com.penguinmails.functions.observability.Observability;
import com.penguinmails.functions.sqs.SqsBatch;
import com.penguinmails.shared.ips.DedicatedIp;
import com.penguinmails.shared.ips.PoolProvisioner;
import com.penguinmails.shared.mail.MailTransport;
import com.penguinmails.shared.mail.SesTransport;
import com.penguinmails.shared.mail.SmtpSecurity;
import com.penguinmails.shared.mail.SmtpTransport;
import com.penguinmails.shared.messages.Content;
import com.penguinmails.shared.messages.MessageStore;
import com.penguinmails.shared.messages.OutboundQueue;
import com.penguinmails.shared.platform.Json;
import com.penguinmails.shared.platform.Platform;
import com.penguinmails.shared.platformevents.PlatformEventPublisher;
import com.penguinmails.shared.sending.RetryPolicy;
import com.penguinmails.shared.sending.SendingService;
import com.penguinmails.shared.wiring.MailServices;
import com.penguinmails.shared.wiring.Services;
import java.time.Duration;
import java.util.EnumMap;
import java.util.Map;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Sends queued messages (see {@link SendingService} for the at-most-once steps); one failure never fails the batch. */
public final class SenderHandler implements RequestHandler<SQSEvent, SQSBatchResponse> {

    private static final Logger LOG = LoggerFactory.getLogger(SenderHandler.class);

    /** Kept back from the invocation's remaining time: the last call (giving a message back) and the batch answer. */
    private static final Duration SPARE = Duration.ofSeconds(1);

    private final SendingService sending;
    private final Duration oneCall;

    public SenderHandler() {
        this(Platform.fromEnvironment());
    }

    public SenderHandler(Platform platform) {
        this(platform, PlatformEventPublisher.NONE); // wired by the bus branch
    }

    /** {@code events}: where message.sent, and the message.deferred and message.failed the sender decides, go. */
    public SenderHandler(Platform platform, PlatformEventPublisher events) {
        this.oneCall = platform.sdkTimeouts().limited() ? platform.sdkTimeouts().apiCall() : Duration.ZERO;
        MessageStore messages = Services.messageStore(platform);
        var ips = Services.ipStore(platform);
        ExpiringCache<String, Optional<Content>> contents = new ExpiringCache<>(1000, Duration.ofHours(1), platform.clock());
        ExpiringCache<String, DedicatedIp> ipCache = new ExpiringCache<>(1000, Duration.ofSeconds(10), platform.clock());
        this.sending = new SendingService(messages, Services.ipService(platform, PoolProvisioner.NONE), Services.sendLedger(platform),
                Services.suppressionService(platform), Services.dueMessages(platform), transport(platform), Services.trackingLinks(platform),
                platform.clock(),
                key -> contents.get(key[0] + "/" + key[1], k -> messages.content(key[0], key[1])),
                key -> ipCache.get(key[0] + "/" + key[1], k -> ips.findIp(key[0], key[1]).orElse(null)),
                MailServices.mailboxService(platform), MailServices.mailboxTransport(platform), RetryPolicy.defaults(), new java.util.Random(),
                events);
    }

    @Override
    public SQSBatchResponse handleRequest(SQSEvent event, Context context) {
        Map<SendingService.Outcome, Integer> outcomes = new EnumMap<>(SendingService.Outcome.class);
        SQSBatchResponse response = SqsBatch.process(event, context, message -> {
            OutboundQueue.Ticket ticket = Json.MAPPER.readValue(message.getBody(), OutboundQueue.Ticket.class);
            if (context != null && timeLeft(context).isNegative()) {
                // Too late in this invocation to claim and still give the message back if the store does not answer.
                throw new SendingService.RetryLater("too little time left in this invocation", null);
            }
            SendingService.Outcome outcome = sending.send(ticket, context == null ? SendingService.Patience.NONE
                    : new SendingService.Patience(() -> timeLeft(context), StoreOutages::isOutage));
            synchronized (outcomes) {
                outcomes.merge(outcome, 1, Integer::sum);
            }
        });
        LOG.info("sender batch: {} messages, outcomes {}, {} to retry", event.getRecords().size(), outcomes,
                response.getBatchItemFailures().size());
        outcomes.forEach((outcome, count) -> Observability.count("Messages" + capitalised(outcome.name()), count));
        return response;
    }

    /** How long a send may keep waiting for a store: what Lambda leaves us, less one call and a spare second. */
    private Duration timeLeft(Context context) {
        return Duration.ofMillis(context.getRemainingTimeInMillis()).minus(oneCall).minus(SPARE);
    }

    private static MailTransport transport(Platform platform) {
        String host = platform.env("PM_SMTP_HOST", null);
        if (host == null) {
            // In AWS: IP-pool mail goes through SES with the pool's configuration set.
            return new SesTransport(MailServices.sesV2(platform));
        }
        // Locally (or with an SMTP relay): PM_SMTP_HOST/PORT, e.g. the local platform's SMTP sink.
        MailTransport smtp = new SmtpTransport(new MailTransport.SmtpSettings(host, Integer.parseInt(platform.env("PM_SMTP_PORT", "25")),
                platform.env("PM_SMTP_USERNAME", null), platform.env("PM_SMTP_PASSWORD", null),
                Boolean.parseBoolean(platform.env("PM_SMTP_STARTTLS", "false")) ? SmtpSecurity.STARTTLS : SmtpSecurity.NONE, null));
        if (Boolean.parseBoolean(platform.env("PM_SIMULATE_SES_EVENTS", "false"))) {
            return new SimulatedSesEvents(smtp, Services.deliveryEventQueue(platform), platform.clock());
        }
        return smtp;
    }

    private static String capitalised(String value) {
        String lower = value.toLowerCase(java.util.Locale.ROOT).replace("_", "");
        return Character.toUpperCase(lower.charAt(0)) + lower.substring(1);
    }
}
