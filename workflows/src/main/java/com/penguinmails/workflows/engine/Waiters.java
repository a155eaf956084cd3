package com.penguinmails.workflows.engine;

import java.util.List;

/** Runs waiting for an event, by workspace and event type, so an event finds them with one query. */
public interface Waiters {

    record Waiter(String workspaceId, String eventType, String runId, String path, String contact, String campaignId) {}

    void add(Waiter waiter);

    List<Waiter> waitingFor(String workspaceId, String eventType);

    void remove(Waiter waiter);
}
