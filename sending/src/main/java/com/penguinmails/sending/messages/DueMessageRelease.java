package com.penguinmails.sending.messages;

import java.time.Instant;
import java.time.LocalDate;
import java.util.List;

/**
 * Puts waiting messages back on the outbound queue: scheduled ones whose send time has come, and ones deferred for
 * lack of capacity once a new day gives their IPs room. Taking an entry removes it (a conditional delete), so two
 * runs at once never queue one message twice; the sender's claim covers a queue redelivery.
 */
public final class DueMessageRelease {

    private static final int CHUNK = 500;

    private final DueMessages due;
    private final OutboundQueue queue;

    public DueMessageRelease(DueMessages due, OutboundQueue queue) {
        this.due = due;
        this.queue = queue;
    }

    /** Queues every message scheduled at or before {@code now}; returns how many. */
    public int releaseScheduled(Instant now) {
        int released = 0;
        List<OutboundQueue.Ticket> chunk;
        do {
            chunk = due.takeDue(now, CHUNK);
            queue.enqueue(chunk);
            released += chunk.size();
        } while (chunk.size() == CHUNK);
        return released;
    }

    /** Queues every message deferred to {@code day} or earlier; returns how many. */
    public int releaseDeferred(LocalDate day) {
        int released = 0;
        List<OutboundQueue.Ticket> chunk;
        do {
            chunk = due.takeDeferred(day, CHUNK);
            queue.enqueue(chunk);
            released += chunk.size();
        } while (chunk.size() == CHUNK);
        return released;
    }
}
