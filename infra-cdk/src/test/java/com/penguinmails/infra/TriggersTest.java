package com.penguinmails.infra;

import static org.assertj.core.api.Assertions.assertThat;

import com.penguinmails.catalog.FunctionCatalog;
import com.penguinmails.catalog.FunctionSpec;
import com.penguinmails.catalog.Trigger.ScheduleTrigger;
import com.penguinmails.catalog.Trigger.SqsTrigger;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import software.amazon.awscdk.assertions.Match;

/** Queue and schedule triggers, each pointing at the function's live alias. */
class TriggersTest {

    private static final FunctionCatalog CATALOG = FunctionCatalog.load();
    private static Synthesized dev;

    @BeforeAll
    static void synthesize() {
        dev = Synthesized.of(DeploymentStage.DEV);
    }

    @Test
    void everyQueueTriggeredFunctionConsumesItsQueueInBatchesAndReportsItemFailures() {
        List<FunctionSpec> consumers = CATALOG.functions().stream().filter(f -> f.trigger().sqs() != null).toList();
        assertThat(consumers).isNotEmpty();
        dev.template().resourceCountIs("AWS::Lambda::EventSourceMapping", consumers.size());
        for (FunctionSpec spec : consumers) {
            SqsTrigger sqs = spec.trigger().sqs();
            String queue = dev.logicalId(dev.stack().queues().queue(sqs.queue()));
            Map<String, Object> mapping = dev.allProperties("AWS::Lambda::EventSourceMapping").stream()
                    .filter(m -> m.get("EventSourceArn").equals(Map.of("Fn::GetAtt", List.of(queue, "Arn"))))
                    .findFirst()
                    .orElseThrow(() -> new AssertionError("no event source mapping for " + sqs.queue()));
            assertThat(mapping).containsAllEntriesOf(Map.of(
                    "BatchSize", sqs.batchSize(),
                    "FunctionResponseTypes", List.of("ReportBatchItemFailures")));
            // No batching window in the catalog means none on the mapping (Lambda's default of 0), not an explicit 0.
            assertThat(mapping.get("MaximumBatchingWindowInSeconds")).as(spec.name())
                    .isEqualTo(sqs.maxBatchingWindowSeconds() > 0 ? sqs.maxBatchingWindowSeconds() : null);
            // The function name is "<function name taken from the alias ARN>:live".
            String alias = dev.logicalId(dev.stack().functions().function(spec.name()).alias());
            assertThat(Synthesized.json(mapping.get("FunctionName")))
                    .contains("{\"Ref\":\"" + alias + "\"}")
                    .contains("\":" + CatalogFunction.ALIAS_NAME + "\"");
        }
    }

    @Test
    void everyScheduledFunctionHasOneRuleTargetingItsAliasWithRetriesAndADeadLetterQueue() {
        List<FunctionSpec> scheduled = CATALOG.functions().stream()
                .filter(f -> f.trigger().schedule() != null).toList();
        assertThat(scheduled).isNotEmpty();
        dev.template().resourceCountIs("AWS::Events::Rule", scheduled.size());
        for (FunctionSpec spec : scheduled) {
            ScheduleTrigger schedule = spec.trigger().schedule();
            String alias = dev.logicalId(dev.stack().functions().function(spec.name()).alias());
            dev.template().hasResourceProperties("AWS::Events::Rule", Map.of(
                    "ScheduleExpression", schedule.expression(),
                    "Targets", List.of(Match.objectLike(Map.of(
                            "Arn", Map.of("Ref", alias),
                            "DeadLetterConfig", Map.of("Arn", Match.anyValue()),
                            "RetryPolicy", Map.of(
                                    "MaximumRetryAttempts", Schedules.RETRY_ATTEMPTS,
                                    "MaximumEventAgeInSeconds", 3600))))));
        }
    }

    @Test
    void failedScheduledRunsLandInAnAlarmedDeadLetterQueue() {
        long scheduled = CATALOG.functions().stream().filter(f -> f.trigger().schedule() != null).count();
        dev.template().resourceCountIs("AWS::Lambda::EventInvokeConfig", (int) scheduled);
        dev.template().resourceCountIs("AWS::CloudWatch::Alarm", CATALOG.queues().size() + (int) scheduled);
    }
}
