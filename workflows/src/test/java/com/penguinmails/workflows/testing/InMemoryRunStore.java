package com.penguinmails.workflows.testing;

import com.penguinmails.core.paging.Page;
import com.penguinmails.workflows.engine.RunIds;
import com.penguinmails.workflows.engine.RunStore;
import com.penguinmails.workflows.engine.WorkflowRun;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentSkipListMap;

/** Runs in memory, with the store's conditions: create once, write only over the revision before. Counts writes. */
public final class InMemoryRunStore implements RunStore {

    private final ConcurrentSkipListMap<String, WorkflowRun> runs = new ConcurrentSkipListMap<>();
    public int writes;

    @Override
    public synchronized boolean create(WorkflowRun run) {
        writes++;
        return runs.putIfAbsent(key(run.workspaceId(), run.runId()), run) == null;
    }

    @Override
    public Optional<WorkflowRun> find(String workspaceId, String runId) {
        return Optional.ofNullable(runs.get(key(workspaceId, runId)));
    }

    @Override
    public synchronized boolean write(WorkflowRun run) {
        writes++;
        WorkflowRun stored = runs.get(key(run.workspaceId(), run.runId()));
        if (stored == null || stored.revision() != run.revision() - 1) {
            return false;
        }
        runs.put(key(run.workspaceId(), run.runId()), run);
        return true;
    }

    @Override
    public Page<WorkflowRun> list(String workspaceId, String workflowId, String cursor, int limit) {
        String prefix = key(workspaceId, RunIds.prefixOf(workflowId));
        List<WorkflowRun> all = runs.descendingMap().entrySet().stream().filter(e -> e.getKey().startsWith(prefix))
                .filter(e -> cursor == null || e.getKey().compareTo(key(workspaceId, cursor)) < 0).map(Map.Entry::getValue).toList();
        List<WorkflowRun> page = all.stream().limit(limit).toList();
        return new Page<>(page, all.size() > limit ? page.get(page.size() - 1).runId() : null);
    }

    /** Puts a run as it stands, as a crashed worker would have left it. */
    public void put(WorkflowRun run) {
        runs.put(key(run.workspaceId(), run.runId()), run);
    }

    public List<WorkflowRun> all() {
        return List.copyOf(runs.values());
    }

    private static String key(String workspaceId, String runId) {
        return workspaceId + "/" + runId;
    }
}
