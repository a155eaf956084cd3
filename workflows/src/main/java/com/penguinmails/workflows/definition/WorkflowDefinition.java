package com.penguinmails.workflows.definition;

import java.util.List;

/** A workflow as its owner wrote it: when it runs, whether it applies, and what it does. */
public record WorkflowDefinition(String name, Trigger trigger, List<Condition> conditions, List<Step> steps) {

    public WorkflowDefinition {
        conditions = List.copyOf(conditions);
        steps = List.copyOf(steps);
    }
}
