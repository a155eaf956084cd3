package com.penguinmails.infra;

import static org.assertj.core.api.Assertions.assertThat;

import com.penguinmails.catalog.FunctionCatalog;
import com.penguinmails.catalog.FunctionSpec;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Predicate;
import java.util.stream.Collectors;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import software.amazon.awscdk.assertions.Annotations;
import software.amazon.awscdk.assertions.Match;

/**
 * The edges of {@link SendingPolicy}, on a catalog that has the mailbox functions the real one may not have yet:
 * the mailbox key needs both the name and read-write on sending-resources.
 */
class SendingPolicyTest {

    private static final String CATALOG = """
            jars: [ { name: api, module: functions }, { name: mail, module: functions-mail } ]
            tables:
              - name: sending-resources
                partitionKey: workspaceId
                sortKey: resourceKey
            queues:
              - name: delivery-events
                visibilityTimeoutSeconds: 120
                maxReceiveCount: 5
            functions:
              - name: mailboxes-api          # named, writes sending-resources: gets the key
                handler: example.Mailboxes
                jar: mail
                trigger: { schedule: { expression: "rate(1 hour)" } }
                tables: [ { name: sending-resources, access: read-write } ]
              - name: mailbox-warmup         # named, but only reads: no key
                handler: example.MailboxWarmup
                jar: mail
                trigger: { schedule: { expression: "rate(1 day)" } }
                tables: [ { name: sending-resources, access: read } ]
              - name: sender                 # named, but only reads here: SES, no key
                handler: example.Sender
                jar: mail
                trigger: { sqs: { queue: delivery-events } }
                tables: [ { name: sending-resources, access: read } ]
              - name: ips-api                # writes sending-resources but is not named: SES pools, no key
                handler: example.Ips
                jar: mail
                trigger: { schedule: { expression: "rate(1 hour)" } }
                tables: [ { name: sending-resources, access: read-write } ]
            """;

    private static FunctionCatalog catalog;
    private static Synthesized stack;

    @BeforeAll
    static void synthesize() {
        catalog = Synthesized.parseCatalog(CATALOG);
        stack = Synthesized.synthesize(DeploymentStage.DEV, catalog);
    }

    @Test
    void theRuleNeedsTheNameAndReadWriteOnSendingResources() {
        assertThat(names(SendingPolicy::usesMailboxSecrets)).containsExactly("mailboxes-api");
        assertThat(names(SendingPolicy::managesSesPools)).containsExactly("ips-api");
        assertThat(names(SendingPolicy::sendsWithSes)).containsExactly("sender");
    }

    @Test
    void onlyThoseFunctionsGetTheKeyAndItsVariable() {
        String key = stack.logicalId(stack.stack().mailboxSecrets().key());
        for (FunctionSpec spec : catalog.functions()) {
            boolean expected = spec.name().equals("mailboxes-api");
            assertThat(Synthesized.json(stack.functionPolicy(spec.name()))).as(spec.name())
                    .matches(json -> json.contains('"' + key + '"') == expected);
            assertThat(stack.functionVariables(spec.name()).containsKey(MailboxSecrets.KEY_VARIABLE))
                    .as(spec.name()).isEqualTo(expected);
        }
        assertThat(stack.functionActions("mailboxes-api")).contains("kms:Encrypt", "kms:Decrypt");
    }

    @Test
    void sesPowersFollowTheNames() {
        assertThat(stack.functionActions("ips-api")).contains("ses:CreateDedicatedIpPool")
                .doesNotContain("ses:SendEmail");
        assertThat(stack.functionVariables("ips-api")).containsKey(Ses.EVENTS_TOPIC_VARIABLE);
        assertThat(stack.functionActions("sender")).contains("ses:SendEmail", "ses:SendRawEmail")
                .noneMatch(action -> action.startsWith("ses:Create"));
        for (String function : Set.of("mailboxes-api", "mailbox-warmup")) {
            assertThat(stack.functionActions(function)).as(function).noneMatch(action -> action.startsWith("ses:"));
        }
    }

    @Test
    void theEventsQueueSubscribesAndCdkNagStaysClean() {
        String queue = stack.logicalId(stack.stack().queues().queue("delivery-events"));
        stack.template().hasResourceProperties("AWS::SNS::Subscription", Map.of(
                "Protocol", "sqs", "Endpoint", Map.of("Fn::GetAtt", List.of(queue, "Arn"))));
        Annotations annotations = Annotations.fromStack(stack.stack());
        assertThat(CdkNagTest.readable(annotations.findError("*", Match.stringLikeRegexp("AwsSolutions-.*"))))
                .isEmpty();
        assertThat(CdkNagTest.readable(annotations.findWarning("*", Match.stringLikeRegexp("AwsSolutions-.*"))))
                .isEmpty();
    }

    private static Set<String> names(Predicate<FunctionSpec> rule) {
        return catalog.functions().stream().filter(rule).map(FunctionSpec::name).collect(Collectors.toSet());
    }
}
