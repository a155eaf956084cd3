package com.penguinmails.workflows.registry;

import com.fasterxml.jackson.databind.JsonNode;
import com.penguinmails.workflows.definition.WorkflowDefinition;
import java.time.Instant;

/** One version of a workflow as saved: the body its owner sent, read into its definition. */
public record StoredWorkflow(String workspaceId, String workflowId, int version, JsonNode body, WorkflowDefinition definition,
                             Instant createdAt, String createdBy) {}
