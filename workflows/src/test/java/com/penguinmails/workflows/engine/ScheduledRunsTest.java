package com.penguinmails.workflows.engine;

import static org.assertj.core.api.Assertions.assertThat;

import com.penguinmails.workflows.definition.ActionType;
import com.penguinmails.workflows.definition.WorkflowTemplates;
import com.penguinmails.workflows.testing.EngineWorld;
import java.time.Duration;
import org.junit.jupiter.api.Test;

class ScheduledRunsTest {

    private final EngineWorld world = new EngineWorld();

    @Test
    void aMetricTriggerFiresOncePerCrossingPerGroupWithEnoughVolume() {
        world.save("wf_m", 1, WorkflowTemplates.all().get("pause-campaign-on-bounces").toString());
        world.scheduled.register(EngineWorld.WORKSPACE, "wf_m", world.clock.instant());
        world.readings.add(new MetricReadings.Reading("cmp_hot", 0.08, 400));
        world.readings.add(new MetricReadings.Reading("cmp_small", 0.50, 20)); // over the rate, under the minimum volume
        world.readings.add(new MetricReadings.Reading("cmp_ok", 0.01, 900));

        assertThat(world.scheduledRuns.tick()).isEqualTo(1);
        world.advance(Duration.ofMinutes(1));
        assertThat(world.scheduledRuns.tick()).isZero(); // still above: no second run

        assertThat(world.actions.requests).filteredOn(r -> r.type() == ActionType.PAUSE_CAMPAIGN)
                .extracting(r -> r.parameters().get("campaignId")).containsExactly("cmp_hot");
        assertThat(world.actions.requests).filteredOn(r -> r.type() == ActionType.NOTIFY)
                .extracting(r -> r.parameters().get("text")).allMatch(t -> t.contains("cmp_hot") && t.contains("0.08"));

        world.readings.set(0, new MetricReadings.Reading("cmp_hot", 0.02, 500)); // resumed and recovered
        world.advance(Duration.ofMinutes(1));
        world.scheduledRuns.tick();
        world.readings.set(0, new MetricReadings.Reading("cmp_hot", 0.06, 600)); // and crossed again
        world.advance(Duration.ofMinutes(1));
        assertThat(world.scheduledRuns.tick()).isEqualTo(1);
    }

    @Test
    void aCronTriggerFiresForItsLatestTimeOnceEvenAfterMissedMinutes() {
        world.save("wf_c", 1, """
                {"name": "hourly", "trigger": {"type": "schedule", "cron": "0 * * * *", "timeZone": "UTC"},
                 "steps": [{"type": "webhook", "url": "https://hooks.example.org/x"}]}""");
        world.scheduled.register(EngineWorld.WORKSPACE, "wf_c", world.clock.instant()); // 09:00 exactly: not again for it

        assertThat(world.scheduledRuns.tick()).isZero();
        world.advance(Duration.ofMinutes(59));
        assertThat(world.scheduledRuns.tick()).isZero();
        world.advance(Duration.ofHours(3)); // 12:59: 10:00, 11:00 and 12:00 passed unseen
        assertThat(world.scheduledRuns.tick()).isEqualTo(1);
        assertThat(world.scheduledRuns.tick()).isZero();

        assertThat(world.runs.all()).singleElement().satisfies(r -> assertThat(r.trigger()).isEqualTo("schedule 2030-03-04T12:00:00Z"));
    }

    @Test
    void aWorkflowNoLongerTimedIsDroppedFromTheSchedule() {
        world.save("wf_c", 1, """
                {"name": "hourly", "trigger": {"type": "schedule", "cron": "0 * * * *"}, "steps": [{"type": "webhook", "url": "https://hooks.example.org/x"}]}""");
        world.scheduled.register(EngineWorld.WORKSPACE, "wf_c", world.clock.instant());
        world.save("wf_c", 2, """
                {"name": "manual now", "trigger": {"type": "manual"}, "steps": [{"type": "webhook", "url": "https://hooks.example.org/x"}]}""");

        world.scheduledRuns.tick();

        assertThat(world.scheduled.all()).isEmpty();
    }
}
