package com.penguinmails.workflows.testing;

import com.penguinmails.workflows.registry.ScheduledTriggers;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

public final class InMemoryScheduledTriggers implements ScheduledTriggers {

    private final Map<String, Scheduled> entries = new ConcurrentHashMap<>();

    @Override
    public List<Scheduled> all() {
        return List.copyOf(entries.values());
    }

    @Override
    public void register(String workspaceId, String workflowId, Instant since) {
        entries.putIfAbsent(workspaceId + "/" + workflowId, new Scheduled(workspaceId, workflowId, since, Set.of()));
    }

    @Override
    public void unregister(String workspaceId, String workflowId) {
        entries.remove(workspaceId + "/" + workflowId);
    }

    @Override
    public void save(Scheduled scheduled) {
        entries.put(scheduled.workspaceId() + "/" + scheduled.workflowId(), scheduled);
    }
}
