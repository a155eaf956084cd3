package com.penguinmails.workflows.engine;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.penguinmails.core.events.PlatformEvent;
import com.penguinmails.core.events.PlatformEventJson;
import com.penguinmails.core.platform.Json;
import com.penguinmails.workflows.definition.ParameterTemplates;
import com.penguinmails.workflows.definition.Step;
import com.penguinmails.workflows.definition.Trigger;
import com.penguinmails.workflows.registry.StoredWorkflow;
import com.penguinmails.workflows.registry.WorkflowStore;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.random.RandomGenerator;

/**
 * Runs workflow runs as state machines over a {@link RunStore}: every move of a run is one write conditional on the
 * revision read, so two workers (a redelivered message, a timer) never both take a step. One write completes a step
 * and claims the next (a run of N actions costs N + 1 writes after its create); branches and splits are decided in
 * memory and land with the next write.
 *
 * <p>An action step is claimed with a lease ({@link #LEASE}); whoever finds the claim while the lease holds leaves the
 * run alone and only sets a timer for the lease's end, so a step runs again only when its worker died (actions are
 * therefore at least once, with an idempotency key the same on every attempt). A failing action is retried after
 * {@link #BACKOFF} (30 s, 2 min, 8 min) and then fails the run, with the error in the run and its history.
 *
 * <p>Timers and waiters are written before the run that needs them: a timer for a run that has moved on is
 * harmless (the run is looked at and left), a run waiting without its timer would wait forever.
 */
public final class WorkflowEngine {

    public static final Duration LEASE = Duration.ofMinutes(2);
    public static final List<Duration> BACKOFF = List.of(Duration.ofSeconds(30), Duration.ofMinutes(2), Duration.ofMinutes(8));
    public static final int ATTEMPTS = BACKOFF.size() + 1;

    private final WorkflowStore workflows;
    private final RunStore runs;
    private final Timers timers;
    private final Waiters waiters;
    private final ActionExecutor actions;
    private final Clock clock;
    private final RandomGenerator random;

    public WorkflowEngine(WorkflowStore workflows, RunStore runs, Timers timers, Waiters waiters, ActionExecutor actions, Clock clock,
                          RandomGenerator random) {
        this.workflows = workflows;
        this.runs = runs;
        this.timers = timers;
        this.waiters = waiters;
        this.actions = actions;
        this.clock = clock;
        this.random = random;
    }

    /** What one event did: runs it started (or found started by an earlier delivery) and waiting runs it resumed. */
    public record EventOutcome(int started, int resumed) {}

    /**
     * Starts a run of {@code workflow} (this version) for a trigger, once: {@code triggerKey} names the trigger (an
     * event's id, a schedule's time), so seeing it again finds the run the first time started and moves that on.
     */
    public WorkflowRun start(StoredWorkflow workflow, String trigger, Instant triggeredAt, String triggerKey, ObjectNode context) {
        Instant now = clock.instant();
        WorkflowRun run = WorkflowRun.builder().workspaceId(workflow.workspaceId())
                .runId(RunIds.of(workflow.workflowId(), triggeredAt, triggerKey)).workflowId(workflow.workflowId())
                .version(workflow.version()).trigger(trigger).status(RunStatus.RUNNING).context(context)
                .pending(new StepIndex(workflow.definition()).topLevel()).startedAt(now).updatedAt(now).revision(1).build();
        if (runs.create(run)) {
            return drive(run, workflow);
        }
        WorkflowRun existing = runs.find(run.workspaceId(), run.runId()).orElseThrow(
                () -> new IllegalStateException("run " + run.runId() + " exists but cannot be read"));
        return drive(existing, workflow);
    }

    /** Starts the runs {@code event} triggers (latest version of each workflow, conditions holding) and resumes the runs waiting for it. */
    public EventOutcome onEvent(PlatformEvent event) {
        ObjectNode eventNode = PlatformEventJson.toNode(event);
        ObjectNode context = Json.MAPPER.createObjectNode();
        context.set("event", eventNode);
        int started = 0;
        for (StoredWorkflow workflow : workflows.latestOfEach(event.workspaceId())) {
            if (triggeredBy(workflow, event, context)) {
                start(workflow, "event " + event.type().wireName() + " " + event.id(), event.time(), "event:" + event.id(), context.deepCopy());
                started++;
            }
        }
        int resumed = 0;
        for (Waiters.Waiter waiter : waiters.waitingFor(event.workspaceId(), event.type().wireName())) {
            if (about(waiter, eventNode.path("data"))) {
                resumed += resume(waiter, eventNode) ? 1 : 0;
            }
        }
        return new EventOutcome(started, resumed);
    }

    /** Looks at a run again because a timer fired: a wait that ended, a back-off that passed, a lease that ran out. */
    public Optional<WorkflowRun> wake(String workspaceId, String runId) {
        return runs.find(workspaceId, runId).map(run -> run.status().finished() ? run : drive(run, versionOf(run)));
    }

    /** Wakes the runs whose timers are due (at most {@code limit}); a timer goes once its run was looked at. */
    public int fireTimers(int limit) {
        List<Timers.Timer> due = timers.due(clock.instant(), limit);
        for (Timers.Timer timer : due) {
            wake(timer.workspaceId(), timer.runId());
            timers.remove(timer);
        }
        return due.size();
    }

    private boolean triggeredBy(StoredWorkflow workflow, PlatformEvent event, JsonNode context) {
        if (!(workflow.definition().trigger() instanceof Trigger.Event trigger) || trigger.eventType() != event.type()) {
            return false;
        }
        if (trigger.campaignId() != null && !trigger.campaignId().equals(event.data().path("campaignId").asText(null))) {
            return false;
        }
        return workflow.definition().conditions().stream().allMatch(c -> c.holds(context));
    }

    /** A waiter takes an event about the contact and campaign it waits on (either may be unknown to it). */
    private static boolean about(Waiters.Waiter waiter, JsonNode data) {
        return (waiter.contact() == null || waiter.contact().equalsIgnoreCase(contactOf(data)))
                && (waiter.campaignId() == null || waiter.campaignId().equals(data.path("campaignId").asText(null)));
    }

    /** Who an event's data is about: a channel event names the contact, a message event its recipient. */
    static String contactOf(JsonNode data) {
        for (String field : List.of("contact", "recipient", "email")) {
            if (data.hasNonNull(field)) {
                return data.get(field).asText();
            }
        }
        return null;
    }

    private boolean resume(Waiters.Waiter waiter, ObjectNode event) {
        Optional<WorkflowRun> found = runs.find(waiter.workspaceId(), waiter.runId());
        boolean waiting = found.filter(r -> r.status() == RunStatus.WAITING && r.waiting() != null && r.waiting().forEvent()
                && r.waiting().path().equals(waiter.path())).isPresent();
        if (waiting) {
            WorkflowRun run = found.get();
            ObjectNode context = run.context().deepCopy();
            context.set("resumedBy", event);
            Step.WaitUntil step = (Step.WaitUntil) new StepIndex(versionOf(run).definition()).at(waiter.path());
            WorkflowRun resumed = run.toBuilder().status(RunStatus.RUNNING).waiting(null).context(context)
                    .record(entry(step.path(), "wait-until", "resumed", 0, event.path("type").asText() + " " + event.path("id").asText()))
                    .build();
            drive(resumed, versionOf(run));
        }
        waiters.remove(waiter);
        return waiting;
    }

    private StoredWorkflow versionOf(WorkflowRun run) {
        return workflows.version(run.workspaceId(), run.workflowId(), run.version()).orElseThrow(
                () -> new IllegalStateException("run " + run.runId() + " started on version " + run.version() + " of " + run.workflowId()
                        + ", which is not stored"));
    }

    /**
     * Moves {@code state} on as far as it goes now. {@code state.revision()} is the revision stored; changes made here
     * are written with the next one, and a write that loses to another worker ends this one's part.
     */
    private WorkflowRun drive(WorkflowRun state, StoredWorkflow workflow) {
        StepIndex steps = new StepIndex(workflow.definition());
        long stored = state.revision();
        WorkflowRun run = state;
        while (true) {
            Instant now = clock.instant();
            if (run.status().finished()) {
                return run;
            }
            if (run.status() == RunStatus.WAITING) {
                Waiting waiting = run.waiting();
                if (now.isBefore(waiting.until())) {
                    timers.schedule(new Timers.Timer(waiting.until(), run.workspaceId(), run.runId()));
                    return run;
                }
                run = timedOut(run, waiting, steps);
                continue;
            }
            Claim claim = run.current();
            if (claim != null) {
                if (now.isBefore(claim.leaseUntil())) { // another worker's step, or a back-off not yet over
                    timers.schedule(new Timers.Timer(claim.leaseUntil(), run.workspaceId(), run.runId()));
                    return run;
                }
                if (claim.attempt() >= ATTEMPTS) {
                    return write(fail(run, claim.path(), claim.attempt(), "no attempt finished within its lease"), stored).orElse(run);
                }
                run = run.toBuilder().current(new Claim(claim.path(), claim.attempt() + 1, now.plus(LEASE))).build();
            } else if (run.pending().isEmpty()) {
                return write(run.toBuilder().status(RunStatus.SUCCEEDED).build(), stored).orElse(run);
            } else {
                WorkflowRun.Builder next = run.toBuilder();
                JsonNode context = run.context();
                Step step = steps.at(next.takeNext());
                if (step instanceof Step.Branch branch) {
                    boolean holds = branch.when().stream().allMatch(c -> c.holds(context));
                    run = next.prepend(StepIndex.paths(holds ? branch.then() : branch.otherwise()))
                            .record(entry(branch.path(), "branch", holds ? "then" : "otherwise", 0, null)).build();
                    continue;
                }
                if (step instanceof Step.Split split) {
                    int arm = pickArm(split);
                    run = next.prepend(StepIndex.paths(split.arms().get(arm).steps()))
                            .record(entry(split.path(), "split", "arm " + arm, 0, split.arms().get(arm).percent() + "%")).build();
                    continue;
                }
                if (step instanceof Step.Wait wait) {
                    return await(next, new Waiting(wait.path(), null, now.plus(wait.duration()), null, null), stored);
                }
                if (step instanceof Step.WaitUntil until) {
                    JsonNode data = context.path("event").path("data");
                    String campaignId = data.hasNonNull("campaignId") ? data.get("campaignId").asText() : null;
                    Waiting waiting = new Waiting(until.path(), until.eventType().wireName(), now.plus(until.timeout()), contactOf(data), campaignId);
                    waiters.add(new Waiters.Waiter(run.workspaceId(), waiting.eventType(), run.runId(), until.path(), waiting.contact(), campaignId));
                    return await(next, waiting, stored);
                }
                run = next.current(new Claim(step.path(), 1, now.plus(LEASE))).build();
            }
            Optional<WorkflowRun> claimed = write(run, stored);
            if (claimed.isEmpty()) {
                return run;
            }
            run = claimed.get();
            stored = run.revision();
            WorkflowRun done = perform(run, (Step.Action) steps.at(run.current().path()));
            if (done.current() != null || done.status().finished()) { // retrying later, or failed: written now
                return write(done, stored).orElse(done);
            }
            run = done; // succeeded: written with the next step's claim or the run's end
        }
    }

    /** Does the claimed action: the run with it done (no claim), waiting to retry (a later claim) or failed. */
    private WorkflowRun perform(WorkflowRun run, Step.Action action) {
        int attempt = run.current().attempt();
        ActionExecutor.ActionRequest request = new ActionExecutor.ActionRequest(run.workspaceId(), run.workflowId(), run.runId(),
                action.path(), action.type(), ParameterTemplates.fill(action.parameters(), run.context()), attempt,
                run.runId() + "/" + action.path());
        boolean permanent;
        String error;
        try {
            String done = actions.execute(request);
            return run.toBuilder().current(null).record(entry(action.path(), action.type().wireName(), "succeeded", attempt, done)).build();
        } catch (ActionExecutor.ActionFailed e) {
            permanent = e.permanent();
            error = e.getMessage();
        } catch (RuntimeException e) {
            permanent = false;
            error = e.getClass().getSimpleName() + ": " + e.getMessage();
        }
        if (permanent || attempt >= ATTEMPTS) {
            return fail(run, action.path(), attempt, error);
        }
        Instant retryAt = clock.instant().plus(BACKOFF.get(attempt - 1));
        timers.schedule(new Timers.Timer(retryAt, run.workspaceId(), run.runId()));
        return run.toBuilder().current(new Claim(action.path(), attempt, retryAt))
                .record(entry(action.path(), action.type().wireName(), "retrying", attempt, error + "; next attempt at " + retryAt)).build();
    }

    private WorkflowRun fail(WorkflowRun run, String path, int attempt, String error) {
        return run.toBuilder().status(RunStatus.FAILED).current(null).error(path + ": " + error)
                .record(entry(path, "action", "failed", attempt, error)).build();
    }

    private WorkflowRun timedOut(WorkflowRun run, Waiting waiting, StepIndex steps) {
        WorkflowRun.Builder next = run.toBuilder().status(RunStatus.RUNNING).waiting(null);
        if (waiting.forEvent()) {
            Step.WaitUntil until = (Step.WaitUntil) steps.at(waiting.path());
            waiters.remove(new Waiters.Waiter(run.workspaceId(), waiting.eventType(), run.runId(), waiting.path(), waiting.contact(),
                    waiting.campaignId()));
            return next.prepend(StepIndex.paths(until.onTimeout())).record(entry(waiting.path(), "wait-until", "timed-out", 0, null)).build();
        }
        return next.record(entry(waiting.path(), "wait", "done", 0, null)).build();
    }

    private WorkflowRun await(WorkflowRun.Builder next, Waiting waiting, long stored) {
        timers.schedule(new Timers.Timer(waiting.until(), next.build().workspaceId(), next.build().runId()));
        WorkflowRun run = next.status(RunStatus.WAITING).waiting(waiting)
                .record(entry(waiting.path(), waiting.forEvent() ? "wait-until" : "wait", "waiting", 0, "until " + waiting.until())).build();
        return write(run, stored).orElse(run);
    }

    private int pickArm(Step.Split split) {
        int roll = random.nextInt(100);
        int upTo = 0;
        for (int i = 0; i < split.arms().size(); i++) {
            upTo += split.arms().get(i).percent();
            if (roll < upTo) {
                return i;
            }
        }
        return split.arms().size() - 1;
    }

    private HistoryEntry entry(String path, String type, String outcome, int attempt, String detail) {
        return new HistoryEntry(path, type, outcome, attempt, clock.instant(), detail);
    }

    /** Writes {@code run} as the revision after {@code stored}; empty when another worker wrote first. */
    private Optional<WorkflowRun> write(WorkflowRun run, long stored) {
        WorkflowRun next = run.toBuilder().revision(stored + 1).updatedAt(clock.instant()).build();
        return runs.write(next) ? Optional.of(next) : Optional.empty();
    }
}
