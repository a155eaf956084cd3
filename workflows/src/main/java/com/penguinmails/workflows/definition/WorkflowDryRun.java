package com.penguinmails.workflows.definition;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.penguinmails.core.platform.Json;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * What a workflow would do with a sample event, changing nothing: whether the trigger takes it, each condition with
 * the value it found, and the steps that would run in order (with their parameters filled in from the event; a
 * branch follows the sample, a wait is listed and passed, a split lists every arm).
 */
public final class WorkflowDryRun {

    private WorkflowDryRun() {
    }

    public record ConditionResult(String path, String operator, JsonNode expected, JsonNode actual, boolean matched) {}

    /** One step that would run: where it is, what it is, and its parameters as they would be. */
    public record Planned(String path, String type, Map<String, String> parameters) {}

    public record Result(boolean triggered, String reason, List<ConditionResult> conditions, boolean wouldRun, List<Planned> steps) {}

    public static Result run(WorkflowDefinition definition, JsonNode event) {
        ObjectNode context = Json.MAPPER.createObjectNode();
        context.set("event", event);
        String reason = triggerMismatch(definition.trigger(), event);
        List<ConditionResult> conditions = new ArrayList<>();
        boolean all = true;
        for (Condition condition : definition.conditions()) {
            boolean holds = condition.holds(context);
            all &= holds;
            conditions.add(new ConditionResult(condition.path(), condition.operator().wireName(), condition.value(), condition.actual(context), holds));
        }
        boolean triggered = reason == null;
        List<Planned> steps = new ArrayList<>();
        if (triggered && all) {
            plan(definition.steps(), context, steps);
        }
        return new Result(triggered, reason, conditions, triggered && all, steps);
    }

    private static String triggerMismatch(Trigger trigger, JsonNode event) {
        if (trigger instanceof Trigger.Event e) {
            if (!e.eventType().wireName().equals(event.path("type").asText())) {
                return "the trigger takes " + e.eventType().wireName() + " events, not " + event.path("type").asText("(no type)");
            }
            if (e.campaignId() != null && !e.campaignId().equals(event.path("data").path("campaignId").asText(null))) {
                return "the trigger takes campaign " + e.campaignId() + "'s events only";
            }
            return null;
        }
        return null; // metric, schedule and manual runs take the sample as their context
    }

    private static void plan(List<Step> steps, JsonNode context, List<Planned> out) {
        for (Step step : steps) {
            if (step instanceof Step.Action a) {
                out.add(new Planned(a.path(), a.type().wireName(), ParameterTemplates.fill(a.parameters(), context)));
            } else if (step instanceof Step.Wait w) {
                out.add(new Planned(w.path(), "wait", Map.of("duration", w.duration().toString())));
            } else if (step instanceof Step.WaitUntil w) {
                out.add(new Planned(w.path(), "wait-until", Map.of("eventType", w.eventType().wireName(), "timeout", w.timeout().toString())));
            } else if (step instanceof Step.Branch b) {
                plan(b.when().stream().allMatch(c -> c.holds(context)) ? b.then() : b.otherwise(), context, out);
            } else if (step instanceof Step.Split s) {
                out.add(new Planned(s.path(), "split", Map.of("arms", s.arms().stream().map(arm -> arm.percent() + "%").toList().toString())));
                s.arms().forEach(arm -> plan(arm.steps(), context, out));
            }
        }
    }
}
