package com.penguinmails.eventlog.wiring;

import com.penguinmails.core.platform.Platform;
import com.penguinmails.eventlog.EventLogService;
import com.penguinmails.eventlog.EventLogStore;
import com.penguinmails.eventlog.internal.DynamoDbEventLogStore;
import com.penguinmails.identity.IdentityWiring;
import com.penguinmails.identity.workspaces.Workspace;
import com.penguinmails.identity.workspaces.WorkspaceStore;

/**
 * Builds the event log from a {@link Platform}: the capability wires itself, so no shared wiring class grows for it.
 * A package of its own: the log's domain sits in the module's root package, which its adapter depends on.
 */
public final class EventLogWiring {

    private EventLogWiring() {
    }

    /** For the writer, which reads each workspace's retention setting (the {@code workspaces} table). */
    public static EventLogService writer(Platform platform) {
        WorkspaceStore workspaces = IdentityWiring.workspaceStore(platform);
        return new EventLogService(store(platform), workspaceId -> workspaces.find(workspaceId)
                .map(Workspace::eventRetentionDays).orElse(Workspace.DEFAULT_EVENT_RETENTION_DAYS), platform.clock());
    }

    /** For the API, which only reads the log. */
    public static EventLogService reader(Platform platform) {
        return new EventLogService(store(platform), workspaceId -> {
            throw new IllegalStateException("the events API records nothing");
        }, platform.clock());
    }

    private static EventLogStore store(Platform platform) {
        return new DynamoDbEventLogStore(platform.dynamoDb(), platform.tableName("events"));
    }
}
