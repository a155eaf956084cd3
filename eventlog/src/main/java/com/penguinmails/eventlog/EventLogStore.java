package com.penguinmails.eventlog;

import com.penguinmails.core.events.PlatformEvent;
import com.penguinmails.core.paging.Page;
import java.time.Instant;

/** The event log: each event kept once per id until it expires. */
public interface EventLogStore {

    /** Writes the event unless one with the same id (and so the same time) is already there; false then. */
    boolean append(PlatformEvent event, Instant expiresAt);

    /** A page of the events matching {@code query} that have not expired at {@code now}. */
    Page<PlatformEvent> query(EventQuery query, Instant now);
}
