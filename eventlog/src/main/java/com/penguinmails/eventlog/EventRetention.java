package com.penguinmails.eventlog;

/** How many days a workspace's event log keeps each event: the workspace's setting, or the default. */
@FunctionalInterface
public interface EventRetention {

    int days(String workspaceId);
}
