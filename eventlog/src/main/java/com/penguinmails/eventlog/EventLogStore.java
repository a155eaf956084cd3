package com.penguinmails.eventlog;

import com.penguinmails.core.events.PlatformEvent;
import com.penguinmails.core.paging.Page;
import java.time.Duration;
import java.time.Instant;
import java.util.List;

/**
 * The event log: events written together are kept together, in packs, and every event is listed once until it
 * expires, however often it was written.
 */
public interface EventLogStore {

    /**
     * The most time between the oldest and the newest event of one pack. A pack is found by its newest event, so a
     * listing bounded by {@code to} or resuming at a cursor looks this much further up for the packs holding older ones.
     * Never to be lowered while packs written with it are kept: a listing would miss their older events.
     */
    Duration MAX_SPAN = Duration.ofSeconds(60);

    /** An event to keep until {@code expiresAt}. */
    record Entry(PlatformEvent event, Instant expiresAt) {}

    /** What became of one pack's write. */
    enum PackState {
        WRITTEN,
        /** The same events were packed and written before: a redelivered batch. Nothing changed. */
        ALREADY_THERE,
        /** Not written ({@code failure} says why); writing the same events again is safe. */
        FAILED
    }

    record PackWrite(List<PlatformEvent> events, PackState state, RuntimeException failure) {}

    /**
     * Writes the entries, of any workspaces, in packs of one workspace's events. The same entries again make the same
     * packs, which are found written; an event packed with other events than before (its message redelivered in
     * another batch) is written again, and a listing still shows it once. One pack failing does not stop the others.
     */
    List<PackWrite> appendAll(List<Entry> entries);

    /** A page of the events matching {@code query} that have not expired at {@code now}, newest first. */
    Page<PlatformEvent> query(EventQuery query, Instant now);
}
