package com.penguinmails.workflows.registry;

import java.util.List;
import java.util.Optional;

/** Every version of every workflow of a workspace; a saved version never changes. */
public interface WorkflowStore {

    /** False when that version exists (a concurrent edit saved it first). */
    boolean create(StoredWorkflow workflow);

    Optional<StoredWorkflow> latest(String workspaceId, String workflowId);

    Optional<StoredWorkflow> version(String workspaceId, String workflowId, int version);

    /** The latest version of each of the workspace's workflows, by id. */
    List<StoredWorkflow> latestOfEach(String workspaceId);
}
