package com.penguinmails.sending.testing;

import com.penguinmails.sending.messages.OutboundQueue;
import java.util.ArrayList;
import java.util.List;

/** The sender's queue in memory: what was queued, in order. */
public final class InMemoryOutboundQueue implements OutboundQueue {

    private final List<Ticket> tickets = new ArrayList<>();

    @Override
    public synchronized void enqueue(List<Ticket> batch) {
        tickets.addAll(batch);
    }

    /** Takes everything queued so far, oldest first. */
    public synchronized List<Ticket> drain() {
        List<Ticket> all = List.copyOf(tickets);
        tickets.clear();
        return all;
    }
}
