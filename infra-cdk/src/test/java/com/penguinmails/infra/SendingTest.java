package com.penguinmails.infra;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;

import com.penguinmails.catalog.FunctionCatalog;
import com.penguinmails.catalog.FunctionCatalog.BoundRoute;
import com.penguinmails.catalog.FunctionSpec;
import com.penguinmails.catalog.StackSecret;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import software.amazon.awscdk.assertions.Match;
import software.amazon.awscdk.assertions.Template;

/**
 * What sending needs beyond the catalog, on the real catalog: the SES events topic feeding the ingest queue, SES and
 * mailbox-key permissions for exactly the functions that need them, and the tracking settings every function gets.
 * The rules are restated here on purpose, rather than read from {@link SendingPolicy}.
 */
class SendingTest {

    private static final FunctionCatalog CATALOG = FunctionCatalog.load();
    private static final Set<String> POOL_MANAGERS = Set.of("ips-api");
    private static final Set<String> SES_SENDERS = Set.of("sender");
    private static final Set<String> MAILBOX_KEY_CANDIDATES = Set.of("mailboxes-api", "sender", "mailbox-warmup", "placement-tests-api");
    private static final Set<String> POOL_MANAGEMENT_ACTIONS = Set.of(
            "ses:CreateDedicatedIpPool", "ses:PutDedicatedIpInPool", "ses:CreateConfigurationSet",
            "ses:CreateConfigurationSetEventDestination", "ses:PutConfigurationSetDeliveryOptions",
            "ses:GetDedicatedIps");
    private static final Set<String> SEND_ACTIONS = Set.of("ses:SendEmail", "ses:SendRawEmail");
    private static Synthesized dev;

    @BeforeAll
    static void synthesize() {
        dev = Synthesized.of(DeploymentStage.DEV);
    }

    @Test
    void theCatalogHasTheFunctionsTheseRulesAreAbout() {
        assertThat(CATALOG.functions().stream().map(FunctionSpec::name))
                .contains("ips-api", "sender", "event-ingest", "tracking", "ip-warmup");
        assertThat(CATALOG.queues().stream().map(q -> q.name())).contains("delivery-events");
    }

    @Test
    void theSesEventsTopicIsEncryptedWithARotatingKeyAndRefusesPlainHttp() {
        Map<String, Object> topic = dev.properties("AWS::SNS::Topic", topic());
        assertThat(topic).containsEntry("TopicName", "penguinmails-dev-ses-events")
                .containsEntry("KmsMasterKeyId", Map.of("Fn::GetAtt", List.of(eventsKey(), "Arn")));
        assertThat(dev.properties("AWS::KMS::Key", eventsKey())).containsEntry("EnableKeyRotation", true);
        dev.template().hasResourceProperties("AWS::SNS::TopicPolicy", Match.objectLike(Map.of(
                "Topics", List.of(Map.of("Ref", topic())),
                "PolicyDocument", Match.objectLike(Map.of("Statement", Match.arrayWith(List.of(
                        Match.objectLike(Map.of(
                                "Effect", "Deny",
                                "Action", "sns:Publish",
                                "Condition", Map.of("Bool", Map.of("aws:SecureTransport", "false")))),
                        Match.objectLike(Map.of(
                                "Effect", "Allow",
                                "Principal", Map.of("Service", "ses.amazonaws.com"),
                                "Action", "sns:Publish",
                                "Resource", Map.of("Ref", topic()),
                                "Condition", Match.objectLike(Map.of(
                                        "StringEquals", Map.of("aws:SourceAccount", Map.of("Ref", "AWS::AccountId")),
                                        "ArnLike", Map.of("aws:SourceArn", Match.anyValue()))))))))))));
    }

    @Test
    void sesMayUseTheTopicKeyForThisTopicOnly() {
        List<?> statements = (List<?>) Synthesized.map(dev.properties("AWS::KMS::Key", eventsKey())
                .get("KeyPolicy")).get("Statement");
        Map<String, Object> ses = statements.stream().map(Synthesized::map)
                .filter(s -> Map.of("Service", "ses.amazonaws.com").equals(s.get("Principal")))
                .findFirst().orElseThrow(() -> new AssertionError("no key policy statement for SES"));
        assertThat(Synthesized.strings(ses.get("Action")))
                .containsExactlyInAnyOrder("kms:GenerateDataKey*", "kms:Decrypt");
        Map<String, Object> encryptionContext = Synthesized.map(Synthesized.map(ses.get("Condition"))
                .get("StringEquals"));
        assertThat(encryptionContext).containsOnlyKeys("kms:EncryptionContext:aws:sns:topicArn");
        assertThat(Synthesized.json(encryptionContext))
                .contains(":sns:").endsWith(":penguinmails-dev-ses-events\"]]}}");
    }

    @Test
    void theDeliveryEventsQueueReceivesTheTopicsMessagesInTheirSnsEnvelope() {
        String queue = dev.logicalId(dev.stack().queues().queue("delivery-events"));
        // The SES topic's one subscription (the platform-event topic's are EventBusTest's).
        assertThat(dev.template().findResources("AWS::SNS::Subscription", Map.of("Properties", Map.of("TopicArn", Map.of("Ref", topic())))))
                .hasSize(1);
        dev.template().hasResourceProperties("AWS::SNS::Subscription", Map.of(
                "Protocol", "sqs",
                "TopicArn", Map.of("Ref", topic()),
                "Endpoint", Map.of("Fn::GetAtt", List.of(queue, "Arn")),
                // The ingest parser expects {"Type":"Notification","Message":"<SES event JSON>"}.
                "RawMessageDelivery", false));
        Object snsMaySend = Match.objectLike(Map.of(
                "Effect", "Allow",
                "Principal", Map.of("Service", "sns.amazonaws.com"),
                "Action", "sqs:SendMessage",
                "Condition", Map.of("ArnEquals", Map.of("aws:SourceArn", Map.of("Ref", topic())))));
        dev.template().hasResourceProperties("AWS::SQS::QueuePolicy", Match.objectLike(Map.of(
                "Queues", List.of(Map.of("Ref", queue)),
                "PolicyDocument", Match.objectLike(Map.of("Statement", Match.arrayWith(List.of(snsMaySend)))))));
    }

    @Test
    void theTopicArnIsAnOutput() {
        dev.template().hasOutput("SesEventsTopicArn", Match.objectLike(Map.of("Value", Map.of("Ref", topic()))));
    }

    @Test
    void exactlyThePoolManagersAndTheSenderGetSesActions() {
        for (FunctionSpec spec : CATALOG.functions()) {
            Set<String> expected = new TreeSet<>();
            if (POOL_MANAGERS.contains(spec.name())) {
                expected.addAll(POOL_MANAGEMENT_ACTIONS);
            }
            if (SES_SENDERS.contains(spec.name())) {
                expected.addAll(SEND_ACTIONS);
            }
            Set<String> granted = dev.functionActions(spec.name()).stream()
                    .filter(action -> action.startsWith("ses:"))
                    .collect(Collectors.toCollection(TreeSet::new));
            assertThat(granted).as(spec.name()).isEqualTo(expected);
        }
    }

    @Test
    void sesPermissionsAreLimitedToThisAccountRegionAndThePlatformsNames() {
        Map<String, Set<String>> namesByAction = Map.of(
                "ses:CreateDedicatedIpPool", Set.of("dedicated-ip-pool/pool_*", "configuration-set/pool_*"),
                "ses:GetDedicatedIps", Set.of("dedicated-ip-pool/*"),
                "ses:SendEmail", Set.of("identity/*", "configuration-set/pool_*"));
        for (String function : List.of("ips-api", "sender")) {
            for (Map<String, Object> statement : dev.functionStatements(function)) {
                List<String> actions = Synthesized.strings(statement.get("Action"));
                if (actions.stream().noneMatch(action -> action.startsWith("ses:"))) {
                    continue;
                }
                assertThat(statement.get("Condition")).isNull();
                Set<String> names = new TreeSet<>();
                for (Object resource : resources(statement)) {
                    String json = Synthesized.json(resource);
                    assertThat(json).as(function).contains("\":ses:\",{\"Ref\":\"AWS::Region\"},\":\","
                            + "{\"Ref\":\"AWS::AccountId\"}");
                    names.add(json.substring(json.lastIndexOf(':') + 1, json.lastIndexOf('"')));
                }
                actions.stream().filter(namesByAction::containsKey).forEach(action ->
                        assertThat(names).as("%s: %s", function, action).isEqualTo(namesByAction.get(action)));
            }
        }
    }

    @Test
    void onlyThePoolManagersKnowTheTopic() {
        for (FunctionSpec spec : CATALOG.functions()) {
            Object topicArn = dev.functionVariables(spec.name()).get(Ses.EVENTS_TOPIC_VARIABLE);
            assertThat(topicArn).as(spec.name())
                    .isEqualTo(POOL_MANAGERS.contains(spec.name()) ? Map.of("Ref", topic()) : null);
        }
    }

    @Test
    void theMailboxKeyIsCustomerManagedRotatedAndRetainedInProd() {
        String key = mailboxKey();
        assertThat(dev.properties("AWS::KMS::Key", key)).containsEntry("EnableKeyRotation", true);
        dev.template().hasResourceProperties("AWS::KMS::Alias", Map.of(
                "AliasName", "alias/penguinmails-dev-mailbox-secrets",
                "TargetKeyId", Map.of("Fn::GetAtt", List.of(key, "Arn"))));
        Synthesized prod = Synthesized.of(DeploymentStage.PROD);
        prod.template().allResources("AWS::KMS::Key", Map.of("DeletionPolicy", "Retain"));
    }

    @Test
    void exactlyTheNamedWritersOfSendingResourcesMayEncryptAndDecryptMailboxSecrets() {
        Set<String> expected = CATALOG.functions().stream()
                .filter(f -> MAILBOX_KEY_CANDIDATES.contains(f.name()))
                .filter(f -> f.tables().stream()
                        .anyMatch(t -> t.name().equals("sending-resources") && t.access().equals("read-write")))
                .map(FunctionSpec::name)
                .collect(Collectors.toSet());
        assertThat(expected).contains("sender");
        String key = mailboxKey();
        for (FunctionSpec spec : CATALOG.functions()) {
            List<Map<String, Object>> onKey = dev.functionStatements(spec.name()).stream()
                    .filter(statement -> Synthesized.json(statement.get("Resource")).contains('"' + key + '"'))
                    .toList();
            Object variable = dev.functionVariables(spec.name()).get(MailboxSecrets.KEY_VARIABLE);
            if (expected.contains(spec.name())) {
                assertThat(onKey).as(spec.name()).hasSize(1);
                assertThat(Synthesized.strings(onKey.get(0).get("Action")))
                        .containsExactlyInAnyOrder("kms:Encrypt", "kms:Decrypt");
                assertThat(variable).isEqualTo(Map.of("Fn::GetAtt", List.of(key, "Arn")));
            } else {
                assertThat(onKey).as(spec.name()).isEmpty();
                assertThat(variable).as(spec.name()).isNull();
            }
            // No function gets any other KMS permission.
            assertThat(dev.functionActions(spec.name())).as(spec.name()).allMatch(action ->
                    !action.startsWith("kms:") || expected.contains(spec.name()));
        }
    }

    @Test
    void everyFunctionGetsTheTrackingBaseUrlAndOnlyTheNamedOnesTheSecret() {
        String httpApi = dev.logicalId(dev.stack().api().httpApi());
        Object baseUrl = Map.of("Fn::If", List.of(
                PenguinMailsStack.HAS_TRACKING_BASE_URL_CONDITION,
                Map.of("Ref", PenguinMailsStack.TRACKING_BASE_URL_PARAMETER),
                Map.of("Fn::GetAtt", List.of(httpApi, "ApiEndpoint"))));
        for (FunctionSpec spec : CATALOG.functions()) {
            assertThat(dev.functionVariables(spec.name())).as(spec.name()).containsEntry("PM_TRACKING_BASE_URL", baseUrl);
            if (spec.secrets().contains(StackSecret.TRACKING)) {
                assertThat(dev.functionVariables(spec.name())).as(spec.name())
                        .containsEntry("PM_TRACKING_SECRET", Map.of("Ref", "TrackingSecret"));
            } else {
                assertThat(dev.functionVariables(spec.name())).as(spec.name()).doesNotContainKey("PM_TRACKING_SECRET");
            }
        }
        // Only the functions that sign or check tracking links hold the key that could forge them.
        assertThat(CATALOG.functions().stream().filter(f -> f.secrets().contains(StackSecret.TRACKING)).map(FunctionSpec::name))
                .containsExactlyInAnyOrder("sender", "tracking");
        Object isEmpty = Map.of("Fn::Equals",
                List.of(Map.of("Ref", PenguinMailsStack.TRACKING_BASE_URL_PARAMETER), ""));
        dev.template().hasCondition(PenguinMailsStack.HAS_TRACKING_BASE_URL_CONDITION,
                Map.of("Fn::Not", List.of(isEmpty)));
    }

    @Test
    void theTrackingSecretIsANoEchoParameterOfAtLeast32CharactersWithoutDefault() {
        dev.template().hasParameter("TrackingSecret", Map.of(
                "Type", "String", "NoEcho", true, "MinLength", 32, "Default", Match.absent()));
    }

    @Test
    void theTrackingBaseUrlIsOptionalAndHttps() {
        Map<String, Object> parameter = Synthesized.map(dev.template()
                .findParameters("TrackingBaseUrl", Match.anyValue()).get("TrackingBaseUrl"));
        assertThat(parameter).containsEntry("Default", "");
        Pattern allowed = Pattern.compile(parameter.get("AllowedPattern").toString());
        assertThat(List.of("", "https://track.example.com", "https://track.example.com/", "https://a.b/prefix"))
                .allMatch(url -> allowed.matcher(url).matches());
        assertThat(List.of("http://track.example.com", "track.example.com", "https://", "https://a b"))
                .noneMatch(url -> allowed.matcher(url).matches());
    }

    @Test
    void trackingAndUnsubscribeRoutesArePublic() {
        List<BoundRoute> tracking = CATALOG.routes().stream()
                .filter(bound -> bound.route().path().startsWith("/t/")).toList();
        assertThat(tracking).isNotEmpty();
        for (BoundRoute bound : tracking) {
            dev.template().hasResourceProperties("AWS::ApiGatewayV2::Route", Map.of(
                    "RouteKey", bound.route().routeKey(), "AuthorizationType", "NONE", "AuthorizerId", Match.absent()));
        }
    }

    @Test
    void functionsReferringToTheApiEndpointLeaveTheTemplateDeployable() {
        String httpApi = dev.logicalId(dev.stack().api().httpApi());
        assertThat(Synthesized.json(dev.functionVariables("tracking"))).contains("\"" + httpApi + "\"");
        // The API's routes, integrations and authorizer refer to the functions; the API resource itself does not,
        // so this is no loop. Template.fromStack would refuse one (it checks for dependency cycles).
        assertThatCode(() -> Template.fromStack(dev.stack())).doesNotThrowAnyException();
    }

    private static List<?> resources(Map<String, Object> statement) {
        Object resource = statement.get("Resource");
        return resource instanceof List<?> list ? list : List.of(resource);
    }

    private static String topic() {
        return dev.logicalId(dev.stack().ses().eventsTopic());
    }

    private static String eventsKey() {
        return dev.logicalId(dev.stack().ses().eventsKey());
    }

    private static String mailboxKey() {
        return dev.logicalId(dev.stack().mailboxSecrets().key());
    }
}
