package com.penguinmails.workflows.testing;

import com.penguinmails.workflows.registry.StoredWorkflow;
import com.penguinmails.workflows.registry.WorkflowStore;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.stream.Collectors;

public final class InMemoryWorkflowStore implements WorkflowStore {

    private final Map<String, StoredWorkflow> versions = new ConcurrentHashMap<>();

    @Override
    public boolean create(StoredWorkflow workflow) {
        return versions.putIfAbsent(key(workflow.workspaceId(), workflow.workflowId(), workflow.version()), workflow) == null;
    }

    @Override
    public Optional<StoredWorkflow> latest(String workspaceId, String workflowId) {
        return versions.values().stream().filter(w -> w.workspaceId().equals(workspaceId) && w.workflowId().equals(workflowId))
                .max(Comparator.comparingInt(StoredWorkflow::version));
    }

    @Override
    public Optional<StoredWorkflow> version(String workspaceId, String workflowId, int version) {
        return Optional.ofNullable(versions.get(key(workspaceId, workflowId, version)));
    }

    @Override
    public List<StoredWorkflow> latestOfEach(String workspaceId) {
        return versions.values().stream().filter(w -> w.workspaceId().equals(workspaceId))
                .collect(Collectors.toMap(StoredWorkflow::workflowId, w -> w, (a, b) -> a.version() > b.version() ? a : b))
                .values().stream().sorted(Comparator.comparing(StoredWorkflow::workflowId)).toList();
    }

    private static String key(String workspaceId, String workflowId, int version) {
        return workspaceId + "/" + workflowId + "/" + version;
    }
}
