package com.penguinmails.workflows.engine;

import static org.assertj.core.api.Assertions.assertThat;

import com.penguinmails.core.events.EventType;
import com.penguinmails.core.events.PlatformEvent;
import com.penguinmails.workflows.definition.ActionType;
import com.penguinmails.workflows.testing.EngineWorld;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

class WorkflowEngineTest {

    private static final String ON_BOUNCE = """
            {"name": "Suppress hard bounces, then tag",
             "trigger": {"type": "event", "eventType": "message.bounced"},
             "conditions": [{"path": "event.data.bounceType", "operator": "equals", "value": "hard"}],
             "steps": [{"type": "suppress", "email": "{{event.data.recipient}}"},
                       {"type": "tag-contact", "contact": "{{event.data.recipient}}", "tag": "bounced"}]}""";

    private final EngineWorld world = new EngineWorld();

    @Test
    void anEventStartsARunThatDoesEachActionOnceInOrder() {
        world.save("wf_a", 1, ON_BOUNCE);
        PlatformEvent bounce = world.event(EventType.MESSAGE_BOUNCED, "{\"recipient\": \"ann@example.org\", \"bounceType\": \"hard\"}");

        assertThat(world.engine.onEvent(bounce).started()).isEqualTo(1);

        assertThat(world.actions.requests).extracting(ActionExecutor.ActionRequest::type).containsExactly(ActionType.SUPPRESS, ActionType.TAG_CONTACT);
        assertThat(world.actions.requests.get(0).parameters()).containsEntry("email", "ann@example.org");
        WorkflowRun run = world.runs.all().get(0);
        assertThat(run.status()).isEqualTo(RunStatus.SUCCEEDED);
        assertThat(run.history()).extracting(HistoryEntry::outcome).containsExactly("succeeded", "succeeded");
        // create, claim 1, (done 1 + claim 2), (done 2 + end): N actions cost N + 1 writes after the create
        assertThat(world.runs.writes).isEqualTo(4);
    }

    @Test
    void aRedeliveredEventFindsItsRunAndRunsNothingTwice() {
        world.save("wf_a", 1, ON_BOUNCE);
        PlatformEvent bounce = world.event(EventType.MESSAGE_BOUNCED, "{\"recipient\": \"ann@example.org\", \"bounceType\": \"hard\"}");

        world.engine.onEvent(bounce);
        world.engine.onEvent(bounce);

        assertThat(world.runs.all()).hasSize(1);
        assertThat(world.actions.requests).hasSize(2);
    }

    @Test
    void aRedeliveryWhileAStepIsLeasedLeavesItToItsWorkerAndTakesItOnlyAfterTheLease() {
        world.save("wf_a", 1, ON_BOUNCE);
        PlatformEvent bounce = world.event(EventType.MESSAGE_BOUNCED, "{\"recipient\": \"ann@example.org\", \"bounceType\": \"hard\"}");
        // the first delivery's worker is still inside the first action when the message comes again
        world.actions.during = () -> {
            world.actions.during = () -> { };
            world.engine.onEvent(bounce);
        };

        world.engine.onEvent(bounce);

        assertThat(world.actions.requests).extracting(ActionExecutor.ActionRequest::type).containsExactly(ActionType.SUPPRESS, ActionType.TAG_CONTACT);
        assertThat(world.runs.all().get(0).status()).isEqualTo(RunStatus.SUCCEEDED);
    }

    @Test
    void aCrashedWorkersStepIsTakenAgainWhenItsLeaseEnds() {
        world.save("wf_a", 1, ON_BOUNCE);
        PlatformEvent bounce = world.event(EventType.MESSAGE_BOUNCED, "{\"recipient\": \"ann@example.org\", \"bounceType\": \"hard\"}");
        world.actions.during = () -> {
            world.actions.during = () -> { };
            throw new Error("worker died"); // not an action failure: the worker is gone, its claim stays
        };
        try {
            world.engine.onEvent(bounce);
        } catch (Error expected) {
            // the Lambda died; SQS redelivers
        }
        world.engine.onEvent(bounce);
        assertThat(world.actions.requests).hasSize(1); // leased: left alone, a timer set for the lease's end
        assertThat(world.timers.timers).isNotEmpty();

        world.advance(WorkflowEngine.LEASE);
        world.engine.fireTimers(100);

        assertThat(world.actions.requests).extracting(ActionExecutor.ActionRequest::attempt).containsExactly(1, 2, 1);
        assertThat(world.runs.all().get(0).status()).isEqualTo(RunStatus.SUCCEEDED);
    }

    @Test
    void aFailingActionIsRetriedWithBackOffAndThenFailsTheRunVisibly() {
        world.save("wf_a", 1, ON_BOUNCE);
        for (int i = 0; i < WorkflowEngine.ATTEMPTS; i++) {
            world.actions.failNext(new IllegalStateException("suppression list unavailable"));
        }
        world.engine.onEvent(world.event(EventType.MESSAGE_BOUNCED, "{\"recipient\": \"ann@example.org\", \"bounceType\": \"hard\"}"));

        for (Duration backOff : WorkflowEngine.BACKOFF) {
            assertThat(world.runs.all().get(0).status()).isEqualTo(RunStatus.RUNNING);
            world.advance(backOff.minusSeconds(1));
            world.engine.fireTimers(100);
            int before = world.actions.requests.size();
            world.advance(Duration.ofSeconds(1));
            world.engine.fireTimers(100);
            assertThat(world.actions.requests).hasSize(before + 1);
        }

        WorkflowRun run = world.runs.all().get(0);
        assertThat(run.status()).isEqualTo(RunStatus.FAILED);
        assertThat(run.error()).contains("steps[0]").contains("suppression list unavailable");
        assertThat(run.history()).extracting(HistoryEntry::outcome).containsExactly("retrying", "retrying", "retrying", "failed");
        assertThat(world.actions.requests).extracting(ActionExecutor.ActionRequest::idempotencyKey).containsOnly(run.runId() + "/steps[0]");
        assertThat(world.actions.requests).extracting(ActionExecutor.ActionRequest::type).doesNotContain(ActionType.TAG_CONTACT);
    }

    @Test
    void aPermanentFailureIsNotRetried() {
        world.save("wf_a", 1, ON_BOUNCE);
        world.actions.failNext(new ActionExecutor.ActionFailed("no such contact", true));

        world.engine.onEvent(world.event(EventType.MESSAGE_BOUNCED, "{\"recipient\": \"ann@example.org\", \"bounceType\": \"hard\"}"));

        assertThat(world.runs.all().get(0).status()).isEqualTo(RunStatus.FAILED);
        assertThat(world.actions.requests).hasSize(1);
    }

    @Test
    void conditionsThatDoNotHoldStartNothing() {
        world.save("wf_a", 1, ON_BOUNCE);

        var outcome = world.engine.onEvent(world.event(EventType.MESSAGE_BOUNCED, "{\"recipient\": \"ann@example.org\", \"bounceType\": \"soft\"}"));

        assertThat(outcome.started()).isZero();
        assertThat(world.runs.all()).isEmpty();
    }

    @Test
    void aWaitResumesWhenItsTimerFires() {
        world.save("wf_w", 1, """
                {"name": "wait", "trigger": {"type": "manual"},
                 "steps": [{"type": "wait", "duration": "2d"}, {"type": "pause-campaign", "campaignId": "cmp_1"}]}""");

        WorkflowRun run = world.engine.start(world.workflows.latest(EngineWorld.WORKSPACE, "wf_w").orElseThrow(), "manual", world.clock.instant(), "m1",
                com.penguinmails.core.platform.Json.MAPPER.createObjectNode());
        assertThat(run.status()).isEqualTo(RunStatus.WAITING);

        world.advance(Duration.ofDays(1));
        world.engine.fireTimers(100);
        assertThat(world.actions.requests).isEmpty();
        world.advance(Duration.ofDays(1));
        world.engine.fireTimers(100);

        assertThat(world.actions.requests).extracting(ActionExecutor.ActionRequest::type).containsExactly(ActionType.PAUSE_CAMPAIGN);
        assertThat(world.runs.find(EngineWorld.WORKSPACE, run.runId()).orElseThrow().status()).isEqualTo(RunStatus.SUCCEEDED);
        assertThat(world.timers.timers).isEmpty();
    }

    private static final String WAIT_FOR_REPLY = """
            {"name": "follow up unless they reply", "trigger": {"type": "event", "eventType": "message.delivered"},
             "steps": [{"type": "wait-until", "eventType": "channel.activity", "timeout": "3d",
                        "onTimeout": [{"type": "tag-contact", "contact": "{{event.data.recipient}}", "tag": "no-reply"}]},
                       {"type": "tag-contact", "contact": "{{event.data.recipient}}", "tag": "done"}]}""";

    @Test
    void aWaitUntilIsResumedByAnEventAboutTheSameContactOnly() {
        world.save("wf_r", 1, WAIT_FOR_REPLY);
        world.engine.onEvent(world.event(EventType.MESSAGE_DELIVERED, "{\"recipient\": \"ann@example.org\", \"campaignId\": \"cmp_1\"}"));
        assertThat(world.waiters.waiters).hasSize(1);

        world.engine.onEvent(world.event(EventType.CHANNEL_ACTIVITY, "{\"contact\": \"bob@example.org\", \"campaignId\": \"cmp_1\"}"));
        assertThat(world.actions.requests).isEmpty();
        var outcome = world.engine.onEvent(world.event(EventType.CHANNEL_ACTIVITY, "{\"contact\": \"ann@example.org\", \"campaignId\": \"cmp_1\"}"));

        assertThat(outcome.resumed()).isEqualTo(1);
        assertThat(world.actions.requests).extracting(r -> r.parameters().get("tag")).containsExactly("done");
        assertThat(world.waiters.waiters).isEmpty();
        world.advance(Duration.ofDays(4));
        world.engine.fireTimers(100); // the timeout's timer finds the run finished and does nothing
        assertThat(world.actions.requests).hasSize(1);
    }

    @Test
    void aWaitUntilThatExpiresTakesItsTimeoutBranch() {
        world.save("wf_r", 1, WAIT_FOR_REPLY);
        world.engine.onEvent(world.event(EventType.MESSAGE_DELIVERED, "{\"recipient\": \"ann@example.org\", \"campaignId\": \"cmp_1\"}"));

        world.advance(Duration.ofDays(3));
        world.engine.fireTimers(100);

        assertThat(world.actions.requests).extracting(r -> r.parameters().get("tag")).containsExactly("no-reply", "done");
        assertThat(world.waiters.waiters).isEmpty();
        assertThat(world.runs.all().get(0).history()).extracting(HistoryEntry::outcome).contains("timed-out");
    }

    @Test
    void aRunFinishesOnTheVersionItStartedWith() {
        world.save("wf_w", 1, """
                {"name": "v1", "trigger": {"type": "event", "eventType": "message.delivered"},
                 "steps": [{"type": "wait", "duration": "1h"}, {"type": "tag-contact", "contact": "{{event.data.recipient}}", "tag": "v1"}]}""");
        world.engine.onEvent(world.event(EventType.MESSAGE_DELIVERED, "{\"recipient\": \"ann@example.org\"}"));
        world.save("wf_w", 2, """
                {"name": "v2", "trigger": {"type": "event", "eventType": "message.delivered"},
                 "steps": [{"type": "tag-contact", "contact": "{{event.data.recipient}}", "tag": "v2"}]}""");
        world.engine.onEvent(world.event(EventType.MESSAGE_DELIVERED, "{\"recipient\": \"bob@example.org\"}"));

        world.advance(Duration.ofHours(1));
        world.engine.fireTimers(100);

        assertThat(world.actions.requests).extracting(r -> r.parameters().get("contact") + ":" + r.parameters().get("tag"))
                .containsExactly("bob@example.org:v2", "ann@example.org:v1");
    }

    @Test
    void branchesFollowTheContextAndSplitsTakeOneArm() {
        world.save("wf_b", 1, """
                {"name": "branch", "trigger": {"type": "event", "eventType": "message.bounced"},
                 "steps": [{"type": "branch", "when": [{"path": "event.data.bounceType", "operator": "equals", "value": "hard"}],
                            "then": [{"type": "tag-contact", "contact": "x@example.org", "tag": "hard"}],
                            "else": [{"type": "tag-contact", "contact": "x@example.org", "tag": "soft"}]},
                           {"type": "split", "arms": [{"percent": 50, "steps": [{"type": "tag-contact", "contact": "x@example.org", "tag": "a"}]},
                                                     {"percent": 50, "steps": [{"type": "tag-contact", "contact": "x@example.org", "tag": "b"}]}]}]}""");
        for (int i = 0; i < 40; i++) {
            world.engine.onEvent(world.event(EventType.MESSAGE_BOUNCED, "{\"recipient\": \"ann@example.org\", \"bounceType\": \"" + (i % 2 == 0 ? "hard" : "soft") + "\"}"));
        }

        List<String> tags = world.actions.requests.stream().map(r -> r.parameters().get("tag")).toList();
        assertThat(tags).filteredOn("hard"::equals).hasSize(20);
        assertThat(tags).filteredOn("soft"::equals).hasSize(20);
        assertThat(tags).filteredOn(t -> t.equals("a") || t.equals("b")).hasSize(40).contains("a", "b");
        assertThat(world.runs.all()).allSatisfy(r -> assertThat(r.status()).isEqualTo(RunStatus.SUCCEEDED));
    }
}
