package com.penguinmails.workflows.engine;

import com.fasterxml.jackson.databind.node.ObjectNode;
import com.penguinmails.core.platform.Json;
import com.penguinmails.workflows.definition.Trigger;
import com.penguinmails.workflows.registry.ScheduledTriggers;
import com.penguinmails.workflows.registry.StoredWorkflow;
import com.penguinmails.workflows.registry.WorkflowStore;
import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.LinkedHashSet;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * The triggers nothing but time sets off, looked at once a minute: a cron schedule fires for its latest time since it
 * last fired (a missed minute is made up once, not once per minute missed); a metric trigger fires for each group
 * whose rate reached the threshold with enough volume, once per crossing: the group must fall below before it fires
 * again.
 */
public final class ScheduledRuns {

    /** The context field a metric run names its group under, per groupBy, so templates read {{run.campaignId}}. */
    private static final Map<String, String> GROUP_FIELDS = Map.of("campaign", "campaignId", "domain", "domain", "ip", "resourceId",
            "mailbox", "resourceId", "pool", "pool");

    private final ScheduledTriggers scheduled;
    private final WorkflowStore workflows;
    private final MetricReadings metrics;
    private final WorkflowEngine engine;
    private final Clock clock;

    public ScheduledRuns(ScheduledTriggers scheduled, WorkflowStore workflows, MetricReadings metrics, WorkflowEngine engine, Clock clock) {
        this.scheduled = scheduled;
        this.workflows = workflows;
        this.metrics = metrics;
        this.engine = engine;
        this.clock = clock;
    }

    /** Runs started by this minute's look. */
    public int tick() {
        Instant now = clock.instant();
        int started = 0;
        for (ScheduledTriggers.Scheduled entry : scheduled.all()) {
            Optional<StoredWorkflow> workflow = workflows.latest(entry.workspaceId(), entry.workflowId());
            Trigger trigger = workflow.map(w -> w.definition().trigger()).orElse(null);
            if (trigger instanceof Trigger.Schedule schedule) {
                started += cron(workflow.get(), schedule, entry, now);
            } else if (trigger instanceof Trigger.Metric metric) {
                started += metric(workflow.get(), metric, entry, now);
            } else {
                scheduled.unregister(entry.workspaceId(), entry.workflowId()); // deleted, or no longer timed
            }
        }
        return started;
    }

    private int cron(StoredWorkflow workflow, Trigger.Schedule schedule, ScheduledTriggers.Scheduled entry, Instant now) {
        Optional<Instant> last = schedule.lastTimeAtOrBefore(now);
        if (last.isEmpty() || !last.get().isAfter(entry.lastFiredAt())) {
            return 0;
        }
        ObjectNode context = Json.MAPPER.createObjectNode();
        context.putObject("run").put("scheduledAt", last.get().toString());
        engine.start(workflow, "schedule " + last.get(), last.get(), "schedule:" + last.get(), context);
        scheduled.save(new ScheduledTriggers.Scheduled(entry.workspaceId(), entry.workflowId(), last.get(), entry.above()));
        return 1;
    }

    private int metric(StoredWorkflow workflow, Trigger.Metric metric, ScheduledTriggers.Scheduled entry, Instant now) {
        Set<String> above = new LinkedHashSet<>();
        int started = 0;
        Instant minute = now.truncatedTo(ChronoUnit.MINUTES);
        for (MetricReadings.Reading reading : metrics.read(workflow.workspaceId(), metric.metric(), metric.groupBy(), metric.window(), now)) {
            if (reading.volume() < metric.minimumVolume() || reading.value() < metric.threshold()) {
                continue;
            }
            above.add(reading.group());
            if (!entry.above().contains(reading.group())) {
                ObjectNode context = Json.MAPPER.createObjectNode();
                context.putObject("run").put(GROUP_FIELDS.getOrDefault(metric.groupBy(), "group"), reading.group())
                        .put("group", reading.group()).put("metric", metric.metric()).put("value", reading.value())
                        .put("volume", reading.volume()).put("threshold", metric.threshold());
                engine.start(workflow, "metric " + metric.metric() + " " + reading.value() + " for " + reading.group(), minute,
                        "metric:" + reading.group() + ":" + minute, context);
                started++;
            }
        }
        if (!above.equals(entry.above())) {
            scheduled.save(new ScheduledTriggers.Scheduled(entry.workspaceId(), entry.workflowId(), entry.lastFiredAt(), above));
        }
        return started;
    }
}
