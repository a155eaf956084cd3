package com.penguinmails.infra;

import static org.assertj.core.api.Assertions.assertThat;

import com.penguinmails.catalog.FunctionCatalog;
import com.penguinmails.catalog.QueueSpec;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import software.amazon.awscdk.assertions.Match;
import software.amazon.awscdk.services.sqs.IQueue;

class QueuesTest {

    private static final FunctionCatalog CATALOG = FunctionCatalog.load();
    private static final int FOURTEEN_DAYS = 14 * 24 * 60 * 60;
    private static Synthesized dev;

    @BeforeAll
    static void synthesize() {
        dev = Synthesized.of(DeploymentStage.DEV);
    }

    @Test
    void everyCatalogQueueRedrivesToItsDeadLetterQueueAfterTheCatalogsReceiveCount() {
        for (QueueSpec spec : CATALOG.queues()) {
            String queue = dev.logicalId(dev.stack().queues().queue(spec.name()));
            String deadLetters = dev.logicalId(dev.stack().queues().deadLetterQueues().get(spec.deadLetterQueueName()));

            assertThat(property(queue, "RedrivePolicy")).isEqualTo(Map.of(
                    "deadLetterTargetArn", Map.of("Fn::GetAtt", List.of(deadLetters, "Arn")),
                    "maxReceiveCount", spec.maxReceiveCount()));
            assertThat(property(queue, "VisibilityTimeout")).isEqualTo(spec.visibilityTimeoutSeconds());
            assertThat(property(deadLetters, "MessageRetentionPeriod")).isEqualTo(FOURTEEN_DAYS);
        }
    }

    @Test
    void everyQueueIsEncryptedAndRefusesPlainHttp() {
        dev.template().allResourcesProperties("AWS::SQS::Queue", Map.of("SqsManagedSseEnabled", true));
        int queues = dev.template().findResources("AWS::SQS::Queue").size();
        dev.template().resourcePropertiesCountIs("AWS::SQS::QueuePolicy", Match.objectLike(Map.of(
                "PolicyDocument", Match.objectLike(Map.of("Statement", Match.arrayWith(List.of(Match.objectLike(Map.of(
                        "Effect", "Deny",
                        "Condition", Map.of("Bool", Map.of("aws:SecureTransport", "false")))))))))), queues);
    }

    @Test
    void everyDeadLetterQueueHasAnAlarmOnItsFirstMessage() {
        Map<String, IQueue> deadLetterQueues = dev.stack().queues().deadLetterQueues();
        assertThat(deadLetterQueues).hasSize(CATALOG.queues().size());
        deadLetterQueues.values().forEach(queue -> dev.template().hasResourceProperties("AWS::CloudWatch::Alarm",
                Match.objectLike(Map.of(
                        "Namespace", "AWS/SQS",
                        "MetricName", "ApproximateNumberOfMessagesVisible",
                        "Dimensions", List.of(Map.of("Name", "QueueName",
                                "Value", Map.of("Fn::GetAtt", List.of(dev.logicalId(queue), "QueueName")))),
                        "ComparisonOperator", "GreaterThanOrEqualToThreshold",
                        "Threshold", 1))));
    }

    private static Object property(String logicalId, String name) {
        return dev.properties("AWS::SQS::Queue", logicalId).get(name);
    }
}
