package com.penguinmails.workflows.engine;

import com.penguinmails.core.paging.Page;
import java.util.Optional;

/** Where runs are kept; every write names the revision it read. */
public interface RunStore {

    /** Stores a new run (revision 1); false if a run with its id exists (the trigger was seen before). */
    boolean create(WorkflowRun run);

    Optional<WorkflowRun> find(String workspaceId, String runId);

    /** Stores {@code run} (which holds the next revision) if the stored one still has {@code run.revision() - 1}. */
    boolean write(WorkflowRun run);

    /** A workflow's runs, newest first. */
    Page<WorkflowRun> list(String workspaceId, String workflowId, String cursor, int limit);
}
