package com.penguinmails.functions.sending;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestHandler;
import com.amazonaws.services.lambda.runtime.events.ScheduledEvent;
import com.penguinmails.core.platform.Platform;
import com.penguinmails.functions.observability.Observability;
import com.penguinmails.sending.SendingWiring;
import com.penguinmails.sending.messages.DueMessageRelease;
import java.time.Clock;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Every minute: queues messages whose {@code sendAt} has come. */
public final class ReleaseDueMessagesHandler implements RequestHandler<ScheduledEvent, Map<String, Object>> {

    private static final Logger LOG = LoggerFactory.getLogger(ReleaseDueMessagesHandler.class);
    private final DueMessageRelease release;
    private final Clock clock;

    public ReleaseDueMessagesHandler() {
        this(Platform.fromEnvironment());
    }

    public ReleaseDueMessagesHandler(Platform platform) {
        this.release = SendingWiring.dueMessageRelease(platform);
        this.clock = platform.clock();
    }

    @Override
    public Map<String, Object> handleRequest(ScheduledEvent event, Context context) {
        int released = release.releaseScheduled(clock.instant());
        if (released > 0) {
            LOG.info("released {} scheduled messages", released);
            Observability.count("ScheduledMessagesReleased", released);
        }
        return Map.of("released", released);
    }
}
