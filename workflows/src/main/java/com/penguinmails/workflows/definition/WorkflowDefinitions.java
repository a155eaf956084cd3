package com.penguinmails.workflows.definition;

import com.fasterxml.jackson.databind.JsonNode;
import com.penguinmails.core.events.EventType;
import com.penguinmails.core.problems.FieldError;
import com.penguinmails.core.problems.JsonInput;
import java.time.DateTimeException;
import java.time.Duration;
import java.time.ZoneId;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Deque;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * Reads a workflow definition and reports every problem with its JSON path: an unknown trigger or action, a
 * missing parameter, a wait over a year, more than {@value #MAX_STEPS} steps (nested ones count), a split that does
 * not add up to 100, a webhook that is not https, and a contact moved in a cycle between campaigns (with the moves
 * of the workspace's other workflows).
 */
public final class WorkflowDefinitions {

    public static final int MAX_STEPS = 100;
    public static final Duration MAX_WAIT = Duration.ofDays(365);
    private static final Pattern NAME = Pattern.compile("[^\\p{Cntrl}]{1,200}");
    private static final Pattern DURATION = Pattern.compile("([1-9][0-9]{0,5})(m|h|d)");
    private static final Set<String> METRICS = Set.of("bounceRate", "hardBounceRate", "complaintRate", "openRate", "clickRate", "replyRate",
            "unsubscribeRate");
    private static final Set<String> GROUPS = Set.of("campaign", "domain", "ip", "mailbox", "pool");
    private static final Set<String> ROLES = Set.of("owner", "admin", "member", "viewer");

    private WorkflowDefinitions() {
    }

    public sealed interface Reading permits Valid, Invalid {}

    public record Valid(WorkflowDefinition definition) implements Reading {}

    public record Invalid(List<FieldError> errors) implements Reading {}

    /**
     * @param moves the campaign moves the workspace's other workflows make (from campaign to campaigns), to refuse a
     *              cycle: contacts moved from A to B by one workflow and from B back to A by another
     */
    public static Reading read(JsonNode body, Map<String, Set<String>> moves) {
        JsonInput input = JsonInput.root(body);
        if (!input.object(Set.of("name", "trigger", "conditions", "steps"))) {
            return new Invalid(input.errors());
        }
        Optional<String> name = input.text("name", true, NAME, "the workflow's name, 1 to 200 characters");
        Optional<Trigger> trigger = input.child("trigger", true).flatMap(WorkflowDefinitions::trigger);
        List<Condition> conditions = new ArrayList<>();
        input.array("conditions", false, 0, 20).ifPresent(entries -> entries.forEach(e -> condition(e).ifPresent(conditions::add)));
        int[] count = {0};
        List<Step> steps = input.array("steps", true, 1, MAX_STEPS).map(entries -> steps(entries, count)).orElse(List.of());
        if (count[0] > MAX_STEPS) {
            input.error("steps", "a workflow has at most " + MAX_STEPS + " steps, nested ones included; this one has " + count[0]);
        }
        trigger.ifPresent(t -> checkMoves(input, t, steps, moves));
        if (!input.ok()) {
            return new Invalid(input.errors());
        }
        return new Valid(new WorkflowDefinition(name.orElseThrow(), trigger.orElseThrow(), conditions, steps));
    }

    private static Optional<Trigger> trigger(JsonInput trigger) {
        if (!trigger.object(Set.of("type", "eventType", "campaignId", "metric", "threshold", "window", "groupBy", "minimumVolume", "cron", "timeZone"))) {
            return Optional.empty();
        }
        Optional<String> type = trigger.text("type", true, Pattern.compile("event|metric|schedule|manual"), "event, metric, schedule or manual");
        if (type.isEmpty()) {
            return Optional.empty();
        }
        switch (type.get()) {
            case "event" -> {
                Optional<String> name = trigger.text("eventType", true, null, "a platform event type such as message.bounced");
                Optional<EventType> eventType = name.flatMap(n -> Arrays.stream(EventType.values()).filter(t -> t.wireName().equals(n)).findFirst());
                if (name.isPresent() && eventType.isEmpty()) {
                    trigger.error("eventType", "unknown event type; known: " + Arrays.stream(EventType.values()).map(EventType::wireName).sorted().toList());
                }
                Optional<String> campaign = trigger.text("campaignId", false, Pattern.compile("cmp_[A-Za-z0-9]{1,64}"), "a campaign id (cmp_...)");
                return eventType.map(t -> new Trigger.Event(t, campaign.orElse(null)));
            }
            case "metric" -> {
                Optional<String> metric = trigger.text("metric", true, null, "one of " + METRICS);
                if (metric.isPresent() && !METRICS.contains(metric.get())) {
                    trigger.error("metric", "must be one of " + new java.util.TreeSet<>(METRICS));
                }
                JsonNode threshold = trigger.node().get("threshold");
                if (threshold == null || !threshold.isNumber() || threshold.asDouble() <= 0 || threshold.asDouble() >= 1) {
                    trigger.error("threshold", "is required: a rate between 0 and 1, e.g. 0.05 for 5 %");
                }
                Optional<Duration> window = duration(trigger, "window", true, Duration.ofDays(30));
                String groupBy = trigger.text("groupBy", false, null, "campaign, domain, ip, mailbox or pool").orElse("campaign");
                if (!GROUPS.contains(groupBy)) {
                    trigger.error("groupBy", "must be one of " + new java.util.TreeSet<>(GROUPS));
                }
                long minimum = trigger.integer("minimumVolume", false, 1, 1_000_000).orElse(100);
                if (!trigger.ok() || metric.isEmpty() || window.isEmpty()) {
                    return Optional.empty();
                }
                return Optional.of(new Trigger.Metric(metric.get(), threshold.asDouble(), window.get(), groupBy, minimum));
            }
            case "schedule" -> {
                Optional<String> cron = trigger.text("cron", true, null, "a Unix cron expression such as 0 9 * * MON");
                cron.ifPresent(c -> {
                    try {
                        Trigger.Schedule.CRON.parse(c).validate();
                    } catch (IllegalArgumentException e) {
                        trigger.error("cron", "is not a cron expression (minute hour day-of-month month day-of-week): " + e.getMessage());
                    }
                });
                ZoneId zone = trigger.text("timeZone", false, null, "an IANA time zone").map(z -> {
                    try {
                        return ZoneId.of(z);
                    } catch (DateTimeException e) {
                        trigger.error("timeZone", "must be an IANA time zone such as Europe/Berlin");
                        return null;
                    }
                }).orElse(ZoneId.of("UTC"));
                return cron.isPresent() && trigger.ok() ? Optional.of(new Trigger.Schedule(cron.get(), zone)) : Optional.empty();
            }
            default -> {
                return Optional.of(new Trigger.Manual());
            }
        }
    }

    private static Optional<Condition> condition(JsonInput condition) {
        if (!condition.object(Set.of("path", "operator", "value"))) {
            return Optional.empty();
        }
        Optional<String> path = condition.text("path", true, Pattern.compile("(event|run)(\\.[A-Za-z0-9_]{1,64}){1,8}"),
                "a dotted path into the run, such as event.data.bounceType");
        Optional<String> name = condition.text("operator", true, null, "equals, not-equals, in, exists, not-exists, greater-than, less-than or contains");
        Optional<Condition.Operator> operator = name.flatMap(Condition.Operator::fromWire);
        if (name.isPresent() && operator.isEmpty()) {
            condition.error("operator", "must be equals, not-equals, in, exists, not-exists, greater-than, less-than or contains");
        }
        JsonNode value = condition.node().get("value");
        if (operator.isPresent()) {
            boolean needsNone = operator.get() == Condition.Operator.EXISTS || operator.get() == Condition.Operator.NOT_EXISTS;
            if (needsNone && value != null) {
                condition.error("value", "takes no value with " + operator.get().wireName());
            } else if (!needsNone && (value == null || value.isNull())) {
                condition.error("value", "is required with " + operator.get().wireName());
            } else if (operator.get() == Condition.Operator.IN && !value.isArray()) {
                condition.error("value", "must be an array with in");
            }
        }
        if (path.isEmpty() || operator.isEmpty() || !condition.ok()) {
            return Optional.empty();
        }
        return Optional.of(new Condition(path.get(), operator.get(), value));
    }

    private static List<Step> steps(List<JsonInput> entries, int[] count) {
        List<Step> steps = new ArrayList<>();
        for (JsonInput entry : entries) {
            count[0]++;
            step(entry, count).ifPresent(steps::add);
        }
        return steps;
    }

    private static Optional<Step> step(JsonInput step, int[] count) {
        if (step.node() == null || !step.node().isObject()) {
            step.error("must be a JSON object");
            return Optional.empty();
        }
        Optional<String> type = step.text("type", true, null, "an action (pause-campaign, tag-contact, webhook, ...) or wait, wait-until, branch, split");
        if (type.isEmpty()) {
            return Optional.empty();
        }
        String path = step.path();
        switch (type.get()) {
            case "wait" -> {
                step.object(Set.of("type", "duration"));
                return duration(step, "duration", true, MAX_WAIT).map(d -> new Step.Wait(path, d));
            }
            case "wait-until" -> {
                step.object(Set.of("type", "eventType", "timeout", "onTimeout"));
                Optional<String> name = step.text("eventType", true, null, "the event to wait for, such as message.opened");
                Optional<EventType> eventType = name.flatMap(n -> Arrays.stream(EventType.values()).filter(t -> t.wireName().equals(n)).findFirst());
                if (name.isPresent() && eventType.isEmpty()) {
                    step.error("eventType", "unknown event type");
                }
                Optional<Duration> timeout = duration(step, "timeout", true, MAX_WAIT);
                List<Step> onTimeout = step.array("onTimeout", false, 0, MAX_STEPS).map(e -> steps(e, count)).orElse(List.of());
                return eventType.isPresent() && timeout.isPresent() ? Optional.of(new Step.WaitUntil(path, eventType.get(), timeout.get(), onTimeout))
                        : Optional.empty();
            }
            case "branch" -> {
                step.object(Set.of("type", "when", "then", "else"));
                List<Condition> when = new ArrayList<>();
                step.array("when", true, 1, 20).ifPresent(entries -> entries.forEach(e -> condition(e).ifPresent(when::add)));
                List<Step> then = step.array("then", false, 0, MAX_STEPS).map(e -> steps(e, count)).orElse(List.of());
                List<Step> otherwise = step.array("else", false, 0, MAX_STEPS).map(e -> steps(e, count)).orElse(List.of());
                return when.isEmpty() ? Optional.empty() : Optional.of(new Step.Branch(path, when, then, otherwise));
            }
            case "split" -> {
                step.object(Set.of("type", "arms"));
                List<Step.Split.Arm> arms = new ArrayList<>();
                step.array("arms", true, 2, 10).ifPresent(entries -> {
                    for (JsonInput arm : entries) {
                        if (!arm.object(Set.of("percent", "steps"))) {
                            continue;
                        }
                        Optional<Integer> percent = arm.integer("percent", true, 1, 99);
                        List<Step> armSteps = arm.array("steps", false, 0, MAX_STEPS).map(e -> steps(e, count)).orElse(List.of());
                        percent.ifPresent(p -> arms.add(new Step.Split.Arm(p, armSteps)));
                    }
                });
                if (!arms.isEmpty() && arms.stream().mapToInt(Step.Split.Arm::percent).sum() != 100) {
                    step.error("arms", "the arms' percentages must add up to 100");
                }
                return arms.size() < 2 ? Optional.empty() : Optional.of(new Step.Split(path, arms));
            }
            default -> {
                Optional<ActionType> action = ActionType.fromWire(type.get());
                if (action.isEmpty()) {
                    step.error("type", "unknown step; actions: " + Arrays.stream(ActionType.values()).map(ActionType::wireName).toList()
                            + ", and wait, wait-until, branch, split");
                    return Optional.empty();
                }
                Set<String> known = new HashSet<>(action.get().required());
                known.add("type");
                known.addAll(optional(action.get()));
                step.object(known);
                Map<String, String> parameters = new LinkedHashMap<>();
                for (String name : known) {
                    if (name.equals("type")) {
                        continue;
                    }
                    JsonNode value = step.node().get(name);
                    if (value == null) {
                        if (action.get().required().contains(name)) {
                            step.error(name, "is required by " + action.get().wireName());
                        }
                        continue;
                    }
                    parameters.put(name, value.isArray() ? join(value) : value.asText());
                }
                check(step, action.get(), parameters);
                return step.ok() ? Optional.of(new Step.Action(path, action.get(), parameters)) : Optional.empty();
            }
        }
    }

    /** Parameters an action may take besides its required ones. */
    private static List<String> optional(ActionType action) {
        return action == ActionType.WEBHOOK ? List.of("secret") : List.of();
    }

    private static void check(JsonInput step, ActionType action, Map<String, String> parameters) {
        if (action == ActionType.WEBHOOK && parameters.containsKey("url") && !parameters.get("url").startsWith("https://")) {
            step.error("url", "must be an https:// URL: the call is signed, and the payload may name contacts");
        }
        if (action == ActionType.NOTIFY && parameters.containsKey("roles")) {
            for (String role : parameters.get("roles").split(",")) {
                if (!ROLES.contains(role)) {
                    step.error("roles", "names roles: owner, admin, member, viewer");
                }
            }
        }
    }

    private static String join(JsonNode array) {
        List<String> values = new ArrayList<>();
        array.forEach(v -> values.add(v.asText()));
        return String.join(",", values);
    }

    /** {@code 30m}, {@code 12h}, {@code 3d}: at most {@code max}. */
    private static Optional<Duration> duration(JsonInput input, String field, boolean required, Duration max) {
        Optional<String> text = input.text(field, required, DURATION, "a duration such as 30m, 12h or 3d");
        if (text.isEmpty()) {
            return Optional.empty();
        }
        var m = DURATION.matcher(text.get());
        m.matches();
        long value = Long.parseLong(m.group(1));
        Duration duration = switch (m.group(2)) {
            case "m" -> Duration.ofMinutes(value);
            case "h" -> Duration.ofHours(value);
            default -> Duration.ofDays(value);
        };
        if (duration.compareTo(max) > 0) {
            input.error(field, "is at most " + max.toDays() + " days");
            return Optional.empty();
        }
        return Optional.of(duration);
    }

    /** A move from the trigger's campaign to one that (through the other workflows' moves) leads back to it is a cycle. */
    private static void checkMoves(JsonInput input, Trigger trigger, List<Step> steps, Map<String, Set<String>> existing) {
        Optional<String> from = movedFrom(trigger);
        if (from.isEmpty()) {
            return;
        }
        String campaign = from.get();
        Map<String, Set<String>> graph = new HashMap<>();
        existing.forEach((source, to) -> graph.put(source, new HashSet<>(to)));
        for (Step.Action move : moves(steps)) {
            Optional<String> target = fixedTarget(move);
            if (target.isEmpty()) {
                continue;
            }
            String to = target.get();
            if (to.equals(campaign) || reaches(graph, to, campaign)) {
                // The root's error(field) takes the move's whole path, however deep the move sits.
                input.error(move.path() + ".toCampaignId", "moves contacts in a cycle: from " + campaign + " to " + to
                        + ", which leads back to " + campaign);
            }
            graph.computeIfAbsent(campaign, k -> new HashSet<>()).add(to);
        }
    }

    /** Only a workflow triggered by one campaign's events moves contacts out of a known campaign. */
    private static Optional<String> movedFrom(Trigger trigger) {
        return trigger instanceof Trigger.Event event ? Optional.ofNullable(event.campaignId()) : Optional.empty();
    }

    /** The campaign a move names, unless it is a template only a run fills in (and so no cycle can be known at save). */
    private static Optional<String> fixedTarget(Step.Action move) {
        String to = move.parameters().get("toCampaignId");
        return to == null || to.contains("{{") ? Optional.empty() : Optional.of(to);
    }

    private static boolean reaches(Map<String, Set<String>> graph, String from, String target) {
        Deque<String> todo = new ArrayDeque<>(List.of(from));
        Set<String> seen = new HashSet<>();
        while (!todo.isEmpty()) {
            String at = todo.pop();
            if (at.equals(target)) {
                return true;
            }
            if (seen.add(at)) {
                todo.addAll(graph.getOrDefault(at, Set.of()));
            }
        }
        return false;
    }

    /** The moves {@code definition} makes, from its trigger's campaign to campaigns: what {@link #read} checks the next one against. */
    public static Map<String, Set<String>> campaignMoves(WorkflowDefinition definition) {
        Set<String> to = new HashSet<>();
        moves(definition.steps()).forEach(move -> fixedTarget(move).ifPresent(to::add));
        return movedFrom(definition.trigger()).filter(from -> !to.isEmpty()).map(from -> Map.of(from, to)).orElse(Map.of());
    }

    static List<Step.Action> moves(List<Step> steps) {
        List<Step.Action> found = new ArrayList<>();
        for (Step step : steps) {
            if (step instanceof Step.Action a && a.type() == ActionType.MOVE_CONTACT) {
                found.add(a);
            } else if (step instanceof Step.Branch b) {
                found.addAll(moves(b.then()));
                found.addAll(moves(b.otherwise()));
            } else if (step instanceof Step.WaitUntil w) {
                found.addAll(moves(w.onTimeout()));
            } else if (step instanceof Step.Split s) {
                s.arms().forEach(arm -> found.addAll(moves(arm.steps())));
            }
        }
        return found;
    }
}
