package com.penguinmails.workflows.registry;

import java.time.Instant;
import java.util.List;
import java.util.Set;

/**
 * The workflows the timer function looks at every minute (metric and cron triggers), across workspaces, with what
 * it remembers between minutes: when a cron trigger last fired, and which groups a metric trigger is above its
 * threshold for (so it fires on the crossing, once, and again only after the group fell back below).
 */
public interface ScheduledTriggers {

    record Scheduled(String workspaceId, String workflowId, Instant lastFiredAt, Set<String> above) {
        public Scheduled {
            above = Set.copyOf(above);
        }
    }

    List<Scheduled> all();

    /** Registers the workflow, keeping the state it has, if any. */
    void register(String workspaceId, String workflowId, Instant since);

    void unregister(String workspaceId, String workflowId);

    void save(Scheduled scheduled);
}
