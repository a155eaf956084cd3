package com.penguinmails.functions.mailboxes;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestHandler;
import com.amazonaws.services.lambda.runtime.events.ScheduledEvent;
import com.penguinmails.core.platform.Platform;
import com.penguinmails.functions.observability.Observability;
import com.penguinmails.mailadapters.MailWiring;
import com.penguinmails.sending.mailboxes.MailboxWarmupRun;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Every 10 minutes: the mailbox warmup (see {@link MailboxWarmupRun}). One function does the daily step, the bounce
 * reports (queued to delivery-events) and the exchange, because a mailbox's day turns at its own local midnight,
 * which no single daily UTC schedule can hit; the step is once per local day, so running it every 10 minutes costs a
 * comparison, not a write.
 */
public final class MailboxWarmupHandler implements RequestHandler<ScheduledEvent, Map<String, Object>> {

    private final MailboxWarmupRun run;

    public MailboxWarmupHandler() {
        this(Platform.fromEnvironment());
    }

    public MailboxWarmupHandler(Platform platform) {
        this.run = MailWiring.mailboxWarmupRun(platform);
    }

    @Override
    public Map<String, Object> handleRequest(ScheduledEvent event, Context context) {
        return Observability.withRequest(context, event.getId() == null ? "mailbox-warmup" : event.getId(), () -> {
            MailboxWarmupRun.Summary summary = run.run();
            if (summary.mailboxes() > 0) {
                Observability.count("WarmupEmailsSent", summary.warmupSent());
                Observability.count("WarmupRepliesSent", summary.replied());
                Observability.count("WarmupRescuedFromSpam", summary.rescuedFromSpam());
                Observability.count("MailboxBounceReports", summary.bounceReports());
                Observability.count("MailboxColdReplies", summary.coldReplies());
            }
            Map<String, Object> result = new LinkedHashMap<>();
            result.put("mailboxes", summary.mailboxes());
            result.put("stepped", summary.stepped());
            result.put("warmupSent", summary.warmupSent());
            result.put("rescuedFromSpam", summary.rescuedFromSpam());
            result.put("marked", summary.marked());
            result.put("replied", summary.replied());
            result.put("bounceReports", summary.bounceReports());
            result.put("bounceEvents", summary.bounceEvents());
            result.put("coldReplies", summary.coldReplies());
            result.put("failures", summary.failures());
            return result;
        });
    }
}
