package com.penguinmails.workflows.engine;

import com.penguinmails.workflows.definition.Step;
import com.penguinmails.workflows.definition.WorkflowDefinition;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/** A definition's steps by path, so a run that holds only paths finds each step again in the version it started on. */
final class StepIndex {

    private final Map<String, Step> byPath = new HashMap<>();
    private final List<String> top;

    StepIndex(WorkflowDefinition definition) {
        top = paths(definition.steps());
        add(definition.steps());
    }

    List<String> topLevel() {
        return top;
    }

    Step at(String path) {
        Step step = byPath.get(path);
        if (step == null) {
            throw new IllegalStateException("no step at " + path + " in this version of the workflow");
        }
        return step;
    }

    static List<String> paths(List<Step> steps) {
        return steps.stream().map(Step::path).toList();
    }

    private void add(List<Step> steps) {
        for (Step step : steps) {
            byPath.put(step.path(), step);
            if (step instanceof Step.Branch b) {
                add(b.then());
                add(b.otherwise());
            } else if (step instanceof Step.Split s) {
                s.arms().forEach(arm -> add(arm.steps()));
            } else if (step instanceof Step.WaitUntil w) {
                add(w.onTimeout());
            }
        }
    }
}
