package com.penguinmails.functions.sending;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestHandler;
import com.amazonaws.services.lambda.runtime.events.ScheduledEvent;
import com.penguinmails.functions.observability.Observability;
import com.penguinmails.shared.messages.DueMessages;
import com.penguinmails.shared.messages.OutboundQueue;
import com.penguinmails.shared.platform.Platform;
import com.penguinmails.shared.wiring.Services;
import java.time.Clock;
import java.util.List;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Every minute: queues messages whose {@code sendAt} has come. */
public final class ReleaseDueMessagesHandler implements RequestHandler<ScheduledEvent, Map<String, Object>> {

    private static final Logger LOG = LoggerFactory.getLogger(ReleaseDueMessagesHandler.class);
    private static final int CHUNK = 500;

    private final DueMessages due;
    private final OutboundQueue queue;
    private final Clock clock;

    public ReleaseDueMessagesHandler() {
        this(Platform.fromEnvironment());
    }

    public ReleaseDueMessagesHandler(Platform platform) {
        this.due = Services.dueMessages(platform);
        this.queue = Services.outboundQueue(platform);
        this.clock = platform.clock();
    }

    @Override
    public Map<String, Object> handleRequest(ScheduledEvent event, Context context) {
        int released = 0;
        List<OutboundQueue.Ticket> chunk;
        do {
            chunk = due.takeDue(clock.instant(), CHUNK);
            queue.enqueue(chunk);
            released += chunk.size();
        } while (chunk.size() == CHUNK);
        if (released > 0) {
            LOG.info("released {} scheduled messages", released);
            Observability.count("ScheduledMessagesReleased", released);
        }
        return Map.of("released", released);
    }
}
