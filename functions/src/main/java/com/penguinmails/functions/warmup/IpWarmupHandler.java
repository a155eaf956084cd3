package com.penguinmails.functions.warmup;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestHandler;
import com.amazonaws.services.lambda.runtime.events.ScheduledEvent;
import com.penguinmails.functions.observability.Observability;
import com.penguinmails.shared.ips.IpService;
import com.penguinmails.shared.ips.PoolProvisioner;
import com.penguinmails.shared.messages.DueMessages;
import com.penguinmails.shared.messages.OutboundQueue;
import com.penguinmails.shared.platform.Platform;
import com.penguinmails.shared.warmup.WarmupDecision;
import com.penguinmails.shared.warmup.WarmupResult;
import com.penguinmails.shared.wiring.Services;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Daily at 00:00 UTC: moves every IP one warmup step (or holds, steps back, pauses, re-warms; see WarmupEngine),
 * then releases the messages deferred for lack of capacity into the new day's caps. Safe to run twice a day:
 * a second run changes no IP, and deferred messages are only taken once.
 */
public final class IpWarmupHandler implements RequestHandler<ScheduledEvent, Map<String, Object>> {

    private static final Logger LOG = LoggerFactory.getLogger(IpWarmupHandler.class);
    private static final int RELEASE_CHUNK = 500;

    private final IpService ips;
    private final DueMessages due;
    private final OutboundQueue queue;

    public IpWarmupHandler() {
        this(Platform.fromEnvironment());
    }

    public IpWarmupHandler(Platform platform) {
        this.ips = Services.ipService(platform, PoolProvisioner.NONE);
        this.due = Services.dueMessages(platform);
        this.queue = Services.outboundQueue(platform);
    }

    @Override
    public Map<String, Object> handleRequest(ScheduledEvent event, Context context) {
        return Observability.withRequest(context, event.getId() == null ? "ip-warmup" : event.getId(), this::run);
    }

    private Map<String, Object> run() {
        Map<WarmupDecision, Integer> decisions = new EnumMap<>(WarmupDecision.class);
        ips.forEachIp(ip -> {
            WarmupResult result = ips.advanceDay(ip);
            decisions.merge(result.decision(), 1, Integer::sum);
            LOG.info("warmup {} ({}): {} -> step {} ({})", ip.id(), ip.address(), result.decision(), result.state().step(), result.reason());
        });
        int released = 0;
        List<OutboundQueue.Ticket> chunk;
        do {
            chunk = due.takeDeferred(ips.today(), RELEASE_CHUNK);
            queue.enqueue(chunk);
            released += chunk.size();
        } while (chunk.size() == RELEASE_CHUNK);
        LOG.info("warmup run done: decisions {}, {} deferred messages released", decisions, released);
        Observability.count("DeferredMessagesReleased", released);
        return Map.of("decisions", decisions.toString(), "released", released);
    }
}
