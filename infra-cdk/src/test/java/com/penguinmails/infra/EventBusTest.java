package com.penguinmails.infra;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.penguinmails.catalog.FunctionSpec;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import software.amazon.awscdk.assertions.Annotations;
import software.amazon.awscdk.assertions.Match;

/** The platform-event topic from a catalog with a publisher and consumer subscriptions. */
class EventBusTest {

    private static final String CATALOG = """
            jars: [ { name: api, module: functions }, { name: mail, module: functions-mail } ]
            tables: []
            queues:
              - name: event-log
                visibilityTimeoutSeconds: 60
              - name: bounce-alerts
            functions:
              - name: ingest
                handler: example.Ingest
                jar: api
                events: publish
                trigger: { schedule: { expression: "rate(1 hour)" } }
              - name: event-log-writer
                handler: example.EventLogWriter
                jar: api
                trigger: { sqs: { queue: event-log } }
              - name: quiet
                handler: example.Quiet
                jar: api
                trigger: { schedule: { expression: "rate(1 day)" } }
            subscriptions:
              - name: event-log
                queue: event-log
                pattern: { type: [ { prefix: "message." } ] }
              - name: bounce-alerts
                queue: bounce-alerts
                pattern:
                  type: [ message.bounced ]
                  data: { bounceType: [ { anything-but: [ Transient ] } ], attempt: [ { numeric: [ ">=", 2 ] } ] }
            """;

    private static Synthesized stack;
    private static String topic;

    @BeforeAll
    static void synthesize() {
        stack = Synthesized.synthesize(DeploymentStage.DEV, Synthesized.parseCatalog(CATALOG));
        topic = stack.logicalId(stack.stack().eventBus().topic().orElseThrow());
    }

    @Test
    void theTopicIsEncryptedWithTheAwsManagedKeyAndRefusesPlainHttp() {
        Map<String, Object> properties = stack.properties("AWS::SNS::Topic", topic);
        assertThat(Synthesized.json(properties.get("KmsMasterKeyId"))).contains(":alias/aws/sns");
        assertThat(properties).doesNotContainKey("FifoTopic");
        stack.template().hasResourceProperties("AWS::SNS::TopicPolicy", Match.objectLike(Map.of(
                "Topics", List.of(Map.of("Ref", topic)),
                "PolicyDocument", Match.objectLike(Map.of("Statement", Match.arrayWith(List.of(Match.objectLike(Map.of(
                        "Effect", "Deny",
                        "Condition", Map.of("Bool", Map.of("aws:SecureTransport", "false")))))))))));
    }

    @Test
    void eachSubscriptionDeliversRawToItsQueueFilteringTheBodyWithTheCatalogPattern() {
        assertThat(stack.allProperties("AWS::SNS::Subscription").stream()
                .filter(s -> Map.of("Ref", topic).equals(s.get("TopicArn")))).hasSize(2);
        stack.template().hasResourceProperties("AWS::SNS::Subscription", Map.of(
                "TopicArn", Map.of("Ref", topic),
                "Protocol", "sqs",
                "Endpoint", Map.of("Fn::GetAtt", List.of(stack.logicalId(stack.stack().queues().queue("event-log")), "Arn")),
                "RawMessageDelivery", true,
                "FilterPolicyScope", "MessageBody",
                "FilterPolicy", Map.of("type", List.of(Map.of("prefix", "message.")))));
        stack.template().hasResourceProperties("AWS::SNS::Subscription", Map.of(
                "TopicArn", Map.of("Ref", topic),
                "Protocol", "sqs",
                "Endpoint", Map.of("Fn::GetAtt", List.of(stack.logicalId(stack.stack().queues().queue("bounce-alerts")), "Arn")),
                "RawMessageDelivery", true,
                "FilterPolicyScope", "MessageBody",
                "FilterPolicy", Map.of("type", List.of("message.bounced"), "data", Map.of(
                        "bounceType", List.of(Map.of("anything-but", List.of("Transient"))),
                        "attempt", List.of(Map.of("numeric", List.of(">=", 2)))))));
    }

    @Test
    void onlyTheTopicMaySendToASubscribedQueue() {
        for (String queue : List.of("event-log", "bounce-alerts")) {
            stack.template().hasResourceProperties("AWS::SQS::QueuePolicy", Match.objectLike(Map.of(
                    "Queues", List.of(Map.of("Ref", stack.logicalId(stack.stack().queues().queue(queue)))),
                    "PolicyDocument", Match.objectLike(Map.of("Statement", Match.arrayWith(List.of(Match.objectLike(Map.of(
                            "Effect", "Allow",
                            "Action", "sqs:SendMessage",
                            "Principal", Map.of("Service", "sns.amazonaws.com"),
                            "Condition", Map.of("ArnEquals", Map.of("aws:SourceArn", Map.of("Ref", topic))))))))))));
        }
    }

    @Test
    void onlyPublishingFunctionsGetTheTopicAndMayPublish() {
        assertThat(stack.functionVariables("ingest")).containsEntry(FunctionSpec.EVENT_TOPIC_VARIABLE, Map.of("Ref", topic));
        assertThat(stack.functionActions("ingest")).contains("sns:Publish");
        for (String function : List.of("event-log-writer", "quiet")) {
            assertThat(stack.functionVariables(function)).as(function).doesNotContainKey(FunctionSpec.EVENT_TOPIC_VARIABLE);
            assertThat(stack.functionActions(function)).as(function).noneMatch(action -> action.startsWith("sns:"));
        }
    }

    @Test
    void theConsumerIsTriggeredByItsQueue() {
        stack.template().resourceCountIs("AWS::Lambda::EventSourceMapping", 1);
        stack.template().hasResourceProperties("AWS::Lambda::EventSourceMapping", Match.objectLike(Map.of(
                "EventSourceArn", Map.of("Fn::GetAtt", List.of(stack.logicalId(stack.stack().queues().queue("event-log")), "Arn")),
                "FunctionResponseTypes", List.of("ReportBatchItemFailures"))));
    }

    @Test
    void cdkNagStaysClean() {
        Annotations annotations = Annotations.fromStack(stack.stack());
        assertThat(CdkNagTest.readable(annotations.findError("*", Match.stringLikeRegexp("AwsSolutions-.*")))).isEmpty();
        assertThat(CdkNagTest.readable(annotations.findWarning("*", Match.stringLikeRegexp("AwsSolutions-.*")))).isEmpty();
    }

    @Test
    void aCatalogWithoutPublishersOrSubscriptionsHasNoEventTopic() {
        Synthesized real = Synthesized.of(DeploymentStage.DEV);
        assertThat(real.stack().eventBus().topic().isPresent()).isEqualTo(com.penguinmails.catalog.FunctionCatalog.load().usesEventTopic());
    }

    @Test
    void aPatternEventRulerRefusesIsRejectedAtSynth() {
        String impossible = CATALOG.replace("[ \">=\", 2 ]", "[ \">\", 10, \"<\", 5 ]");
        assertThatThrownBy(() -> Synthesized.synthesize(DeploymentStage.DEV, Synthesized.parseCatalog(impossible)))
                .hasMessageContaining("subscription bounce-alerts").hasMessageContaining("not a valid event pattern");
    }
}
