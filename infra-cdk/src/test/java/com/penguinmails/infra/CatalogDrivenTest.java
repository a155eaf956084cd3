package com.penguinmails.infra;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.penguinmails.catalog.FunctionCatalog;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import software.amazon.awscdk.assertions.Annotations;
import software.amazon.awscdk.assertions.Match;

/**
 * Adding tables, indexes, queues, functions and public routes to the catalog is all it takes: the stack follows,
 * and cdk-nag stays clean.
 */
class CatalogDrivenTest {

    private static final String CATALOG = """
            jars: [ { name: api, module: functions }, { name: mail, module: functions-mail } ]
            tables:
              - name: api-key-secrets
                partitionKey: secretHash
              - name: contacts
                partitionKey: workspaceId
                sortKey: contactId
                indexes:
                  - { name: by-email, partitionKey: email }
            queues:
              - name: sends
                visibilityTimeoutSeconds: %d
                maxReceiveCount: 3
            functions:
              - name: authorizer
                handler: example.Authorizer
                jar: mail
                trigger: { authorizer: {} }
                tables: [ { name: api-key-secrets, access: read } ]
              - name: contacts-api
                handler: example.Contacts
                jar: mail
                trigger:
                  http:
                    - { method: GET, path: /v1/contacts, scope: "contacts:read" }
                    - { method: GET, path: "/t/{token}", auth: none }
                tables: [ { name: contacts, access: read-write } ]
                queues: [ { name: sends, access: send } ]
              - name: sender
                handler: example.Sender
                jar: mail
                timeoutSeconds: 60
                trigger: { sqs: { queue: sends } }
                tables: [ { name: contacts, access: read } ]
              - name: nightly
                handler: example.Nightly
                jar: mail
                trigger: { schedule: { expression: "cron(0 3 * * ? *)" } }
            """;

    private static Synthesized stack;

    @BeforeAll
    static void synthesize() {
        stack = Synthesized.synthesize(DeploymentStage.DEV, catalog(120));
    }

    @Test
    void newResourcesAppear() {
        stack.template().resourceCountIs("AWS::Lambda::Function", 4);
        stack.template().hasResourceProperties("AWS::DynamoDB::Table", Match.objectLike(Map.of(
                "GlobalSecondaryIndexes", List.of(Match.objectLike(Map.of(
                        "IndexName", "by-email",
                        "KeySchema", List.of(Map.of("AttributeName", "email", "KeyType", "HASH")),
                        "Projection", Map.of("ProjectionType", "ALL")))))));
        stack.template().hasResourceProperties("AWS::Events::Rule",
                Map.of("ScheduleExpression", "cron(0 3 * * ? *)"));
        stack.template().hasResourceProperties("AWS::Lambda::EventSourceMapping",
                Map.of("BatchSize", 10, "MaximumBatchingWindowInSeconds", Match.absent()));
    }

    @Test
    void publicRoutesHaveNoAuthorizer() {
        stack.template().hasResourceProperties("AWS::ApiGatewayV2::Route",
                Map.of("RouteKey", "GET /t/{token}", "AuthorizationType", "NONE"));
        stack.template().hasResourceProperties("AWS::ApiGatewayV2::Route",
                Map.of("RouteKey", "GET /v1/contacts", "AuthorizationType", "CUSTOM"));
    }

    @Test
    void cdkNagStaysClean() {
        Annotations annotations = Annotations.fromStack(stack.stack());
        assertThat(CdkNagTest.readable(annotations.findError("*", Match.stringLikeRegexp("AwsSolutions-.*"))))
                .isEmpty();
    }

    @Test
    void aQueueThatWouldTimeOutItsConsumerIsRejected() {
        assertThatThrownBy(() -> Synthesized.synthesize(DeploymentStage.DEV, catalog(30)))
                .hasMessageContaining("visibilityTimeoutSeconds (30) must be at least the timeout of sender (60)");
    }

    @Test
    void anAuthenticatedRouteWithoutAnAuthorizerIsRejected() {
        String withoutAuthorizer = CATALOG.formatted(120)
                .replace("  - name: authorizer\n    handler: example.Authorizer\n    jar: mail\n    trigger: { authorizer: {} }\n"
                        + "    tables: [ { name: api-key-secrets, access: read } ]\n", "");
        assertThatThrownBy(() -> Synthesized.synthesize(DeploymentStage.DEV, parse(withoutAuthorizer)))
                .hasMessageContaining("route GET /v1/contacts needs an API key but the catalog declares no authorizer");
    }

    @Test
    void sendingPowersGoOnlyToTheNamedFunctionsThatArePresent() {
        // No delivery-events queue: the SES events topic exists but has no subscriber yet.
        stack.template().resourceCountIs("AWS::SNS::Topic", 1);
        stack.template().resourceCountIs("AWS::SNS::Subscription", 0);
        // No ips-api: nobody may create SES resources or learns the topic.
        for (String function : List.of("authorizer", "contacts-api", "sender", "nightly")) {
            assertThat(stack.functionVariables(function)).as(function)
                    .doesNotContainKeys(Ses.EVENTS_TOPIC_VARIABLE, MailboxSecrets.KEY_VARIABLE)
                    .containsKeys("PM_TRACKING_BASE_URL").doesNotContainKey("PM_TRACKING_SECRET");
            assertThat(stack.functionActions(function)).as(function)
                    .noneMatch(action -> action.startsWith("ses:Create") || action.startsWith("kms:"));
        }
        // This sender reads no sending-resources table, so it gets SES but not the mailbox key.
        assertThat(stack.functionActions("sender")).contains("ses:SendEmail", "ses:SendRawEmail");
    }

    private static FunctionCatalog catalog(int sendsVisibilityTimeoutSeconds) {
        return parse(CATALOG.formatted(sendsVisibilityTimeoutSeconds));
    }

    private static FunctionCatalog parse(String yaml) {
        return Synthesized.parseCatalog(yaml);
    }
}
