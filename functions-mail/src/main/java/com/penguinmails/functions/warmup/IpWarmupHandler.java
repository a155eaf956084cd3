package com.penguinmails.functions.warmup;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestHandler;
import com.amazonaws.services.lambda.runtime.events.ScheduledEvent;
import com.penguinmails.core.platform.Platform;
import com.penguinmails.functions.observability.Observability;
import com.penguinmails.sending.SendingWiring;
import com.penguinmails.sending.ips.IpService;
import com.penguinmails.sending.ips.PoolProvisioner;
import com.penguinmails.sending.messages.DueMessageRelease;
import com.penguinmails.sending.warmup.WarmupDecision;
import com.penguinmails.sending.warmup.WarmupResult;
import java.util.EnumMap;
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

    private final IpService ips;
    private final DueMessageRelease release;

    public IpWarmupHandler() {
        this(Platform.fromEnvironment());
    }

    public IpWarmupHandler(Platform platform) {
        this.ips = SendingWiring.ipService(platform, PoolProvisioner.NONE);
        this.release = SendingWiring.dueMessageRelease(platform);
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
        int released = release.releaseDeferred(ips.today());
        LOG.info("warmup run done: decisions {}, {} deferred messages released", decisions, released);
        Observability.count("DeferredMessagesReleased", released);
        return Map.of("decisions", decisions.toString(), "released", released);
    }
}
