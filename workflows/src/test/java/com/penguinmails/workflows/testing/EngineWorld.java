package com.penguinmails.workflows.testing;

import com.fasterxml.jackson.databind.node.ObjectNode;
import com.penguinmails.core.events.EventType;
import com.penguinmails.core.events.PlatformEvent;
import com.penguinmails.core.platform.Json;
import com.penguinmails.core.testing.TestClock;
import com.penguinmails.workflows.definition.WorkflowDefinitions;
import com.penguinmails.workflows.engine.MetricReadings;
import com.penguinmails.workflows.engine.ScheduledRuns;
import com.penguinmails.workflows.engine.WorkflowEngine;
import com.penguinmails.workflows.registry.StoredWorkflow;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;

/** The engine over in-memory doubles of its ports, on a clock the test moves. */
public final class EngineWorld {

    public static final String WORKSPACE = "ws_test";

    public final TestClock clock = new TestClock(Instant.parse("2030-03-04T09:00:00Z"));
    public final InMemoryWorkflowStore workflows = new InMemoryWorkflowStore();
    public final InMemoryRunStore runs = new InMemoryRunStore();
    public final InMemoryTimers timers = new InMemoryTimers();
    public final InMemoryWaiters waiters = new InMemoryWaiters();
    public final InMemoryScheduledTriggers scheduled = new InMemoryScheduledTriggers();
    public final RecordingActions actions = new RecordingActions();
    public final List<MetricReadings.Reading> readings = new ArrayList<>();
    public final WorkflowEngine engine = new WorkflowEngine(workflows, runs, timers, waiters, actions, clock, new SplittableRandom(7));
    public final ScheduledRuns scheduledRuns = new ScheduledRuns(scheduled, workflows, (ws, metric, groupBy, window, now) -> List.copyOf(readings),
            engine, clock);
    private int events;

    /** Saves {@code json} as version {@code version} of {@code workflowId}. */
    public StoredWorkflow save(String workflowId, int version, String json) {
        try {
            var body = Json.MAPPER.readTree(json);
            var reading = WorkflowDefinitions.read(body, Map.of());
            if (!(reading instanceof WorkflowDefinitions.Valid valid)) {
                throw new IllegalArgumentException("invalid workflow: " + reading);
            }
            StoredWorkflow stored = new StoredWorkflow(WORKSPACE, workflowId, version, body, valid.definition(), clock.instant(), "key_test");
            workflows.create(stored);
            return stored;
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            throw new IllegalArgumentException(e);
        }
    }

    public PlatformEvent event(EventType type, String dataJson) {
        try {
            return PlatformEvent.builder(type).id("evt_" + (++events)).source("/penguinmails/test").time(clock.instant())
                    .subject("msg_" + events).workspaceId(WORKSPACE).data((ObjectNode) Json.MAPPER.readTree(dataJson)).build();
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            throw new IllegalArgumentException(e);
        }
    }

    public void advance(Duration by) {
        clock.advance(by);
    }
}
