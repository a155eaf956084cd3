package com.penguinmails.shared.eventlog;

import com.penguinmails.shared.paging.Page;
import com.penguinmails.shared.platformevents.PlatformEvent;
import java.time.Instant;

/** The event log: each event kept once per id until it expires. */
public interface EventLogStore {

    /** Writes the event unless one with the same id (and so the same time) is already there; false then. */
    boolean append(PlatformEvent event, Instant expiresAt);

    /** A page of the events matching {@code query} that have not expired at {@code now}. */
    Page<PlatformEvent> query(EventQuery query, Instant now);
}
