package com.penguinmails.workflows.engine;

import java.time.Instant;
import java.util.List;

/** When a run is to be looked at again: a wait's end, a retry's back-off, a step's lease. */
public interface Timers {

    record Timer(Instant dueAt, String workspaceId, String runId) {}

    void schedule(Timer timer);

    /** Timers due at or before {@code now}, oldest first, at most {@code limit}. */
    List<Timer> due(Instant now, int limit);

    void remove(Timer timer);
}
