package com.penguinmails.infra;

import java.util.List;
import java.util.Map;
import java.util.Optional;
import software.amazon.awscdk.ArnComponents;
import software.amazon.awscdk.ArnFormat;
import software.amazon.awscdk.Aws;
import software.amazon.awscdk.Stack;
import software.amazon.awscdk.services.iam.PolicyStatement;
import software.amazon.awscdk.services.iam.ServicePrincipal;
import software.amazon.awscdk.services.kms.Key;
import software.amazon.awscdk.services.sns.Topic;
import software.amazon.awscdk.services.sns.subscriptions.SqsSubscription;
import software.amazon.awscdk.services.sns.subscriptions.SqsSubscriptionProps;
import software.amazon.awscdk.services.sqs.IQueue;
import software.constructs.Construct;

/**
 * What SES needs from the stack. The dedicated IP pools and their configuration sets are created at runtime by the
 * API (one configuration set per pool, see {@link SendingPolicy#SES_RESOURCE_NAME_PREFIX}); the stack provides
 * the topic their event destinations publish to, subscribed by the ingest queue, and the permissions to create
 * those resources and to send through them.
 *
 * <p>The topic is encrypted with a key of its own: SES can only publish to an encrypted topic if the key policy lets
 * it, which rules out the AWS managed SNS key. Messages reach the queue inside the SNS envelope
 * ({@code {"Type":"Notification","Message":"<SES event JSON>"}}), which the ingest parser unwraps.
 */
public final class Ses extends Construct {

    /** Given to the pool managers: where to point each configuration set's event destination. */
    public static final String EVENTS_TOPIC_VARIABLE = "PM_SES_EVENTS_TOPIC_ARN";

    static final List<String> POOL_MANAGEMENT_ACTIONS = List.of(
            "ses:CreateDedicatedIpPool",
            "ses:PutDedicatedIpInPool",
            "ses:CreateConfigurationSet",
            "ses:CreateConfigurationSetEventDestination",
            "ses:PutConfigurationSetDeliveryOptions");
    static final String LIST_DEDICATED_IPS_ACTION = "ses:GetDedicatedIps";
    static final List<String> SEND_ACTIONS = List.of("ses:SendEmail", "ses:SendRawEmail");

    /**
     * @param stage       names the topic, so stages can share an account
     * @param eventsQueue the queue SES events are delivered to; none means the topic has no subscriber
     */
    public record Props(DeploymentStage stage, Optional<? extends IQueue> eventsQueue) {
    }

    private final Key eventsKey;
    private final Topic eventsTopic;

    public Ses(Construct scope, String id, Props props) {
        super(scope, id);
        Stack stack = Stack.of(this);
        // A physical name, so that the key policy can name the topic without referring to it (the topic refers
        // to the key, so a reference back would be a cycle).
        String topicName = "penguinmails-" + props.stage().name() + "-ses-events";
        String topicArn = stack.formatArn(ArnComponents.builder()
                .service("sns")
                .resource(topicName)
                .arnFormat(ArnFormat.NO_RESOURCE_NAME)
                .build());

        eventsKey = Key.Builder.create(this, "EventsKey")
                .description("Encrypts the PenguinMails " + props.stage().name() + " SES events topic")
                .enableKeyRotation(true)
                .removalPolicy(props.stage().removalPolicy())
                .build();
        // SNS encrypts what a publisher sends with the publisher's access to the key; SES is that publisher.
        eventsKey.addToResourcePolicy(PolicyStatement.Builder.create()
                .sid("SesPublishesToTheEventsTopic")
                .principals(List.of(new ServicePrincipal("ses.amazonaws.com")))
                .actions(List.of("kms:GenerateDataKey*", "kms:Decrypt"))
                .resources(List.of("*"))
                .conditions(Map.of("StringEquals", Map.of("kms:EncryptionContext:aws:sns:topicArn", topicArn)))
                .build());

        eventsTopic = Topic.Builder.create(this, "EventsTopic")
                .topicName(topicName)
                .displayName("PenguinMails SES events (" + props.stage().name() + ")")
                .masterKey(eventsKey)
                .enforceSsl(true)
                .build();
        // Only configuration sets of this account and region may publish (the confused-deputy guard SES documents).
        eventsTopic.addToResourcePolicy(PolicyStatement.Builder.create()
                .sid("SesConfigurationSetsPublishEvents")
                .principals(List.of(new ServicePrincipal("ses.amazonaws.com")))
                .actions(List.of("sns:Publish"))
                .resources(List.of(eventsTopic.getTopicArn()))
                .conditions(Map.of(
                        "StringEquals", Map.of("aws:SourceAccount", Aws.ACCOUNT_ID),
                        "ArnLike", Map.of("aws:SourceArn", sesArn("configuration-set", "*"))))
                .build());

        // Adds the queue policy statement that lets this topic, and only it, send to the queue.
        props.eventsQueue().ifPresent(queue -> eventsTopic.addSubscription(new SqsSubscription(queue,
                SqsSubscriptionProps.builder().rawMessageDelivery(false).build())));
    }

    public Topic eventsTopic() {
        return eventsTopic;
    }

    public Key eventsKey() {
        return eventsKey;
    }

    /**
     * Lets {@code function} create the SES pool and configuration set of a pool at runtime, and tells it the topic to
     * publish the configuration set's events to.
     */
    void allowPoolManagement(CatalogFunction function) {
        function.function().addEnvironment(EVENTS_TOPIC_VARIABLE, eventsTopic.getTopicArn());
        String ours = SendingPolicy.SES_RESOURCE_NAME_PREFIX + "*";
        String pools = sesArn("dedicated-ip-pool", ours);
        String configurationSets = sesArn("configuration-set", ours);
        function.role().addToPrincipalPolicy(PolicyStatement.Builder.create()
                .actions(POOL_MANAGEMENT_ACTIONS)
                .resources(List.of(pools, configurationSets))
                .build());
        // Read only, and across pools: the IPs to move into a new pool start out in pools SES names, not ours.
        String anyPool = sesArn("dedicated-ip-pool", "*");
        function.role().addToPrincipalPolicy(PolicyStatement.Builder.create()
                .actions(List.of(LIST_DEDICATED_IPS_ACTION))
                .resources(List.of(anyPool))
                .build());
        Nag.suppressFindings(function.role(), "AwsSolutions-IAM5",
                List.of(nagFinding("dedicated-ip-pool", ours), nagFinding("configuration-set", ours)),
                "SES dedicated IP pools and configuration sets are created at runtime, one per IP pool, named after "
                        + "the pool's random id; the wildcard is limited to this account and region and to the "
                        + "platform's '" + SendingPolicy.SES_RESOURCE_NAME_PREFIX + "' names.");
        Nag.suppressFindings(function.role(), "AwsSolutions-IAM5", List.of(nagFinding("dedicated-ip-pool", "*")),
                "ses:GetDedicatedIps only, which is read-only: leased IPs sit in SES's own pools (e.g. its default "
                        + "pool) until they are moved into one of ours, so the listing cannot be limited to our names.");
    }

    /**
     * Lets {@code function} send through any verified identity, using the configuration sets of the platform's
     * pools.
     */
    void allowSending(CatalogFunction function) {
        String ours = SendingPolicy.SES_RESOURCE_NAME_PREFIX + "*";
        String identities = sesArn("identity", "*");
        String configurationSets = sesArn("configuration-set", ours);
        function.role().addToPrincipalPolicy(PolicyStatement.Builder.create()
                .actions(SEND_ACTIONS)
                .resources(List.of(identities, configurationSets))
                .build());
        Nag.suppressFindings(function.role(), "AwsSolutions-IAM5",
                List.of(nagFinding("identity", "*"), nagFinding("configuration-set", ours)),
                "Sending identities are the workspaces' domains, verified at runtime, and configuration sets are "
                        + "created at runtime per IP pool; the wildcards are limited to this account and region "
                        + "(and to the platform's '" + SendingPolicy.SES_RESOURCE_NAME_PREFIX
                        + "' configuration sets).");
    }

    /** {@code arn:<partition>:ses:<region>:<account>:<type>/<name>} */
    private String sesArn(String type, String name) {
        return Stack.of(this).formatArn(ArnComponents.builder()
                .service("ses")
                .resource(type)
                .resourceName(name)
                .arnFormat(ArnFormat.SLASH_RESOURCE_NAME)
                .build());
    }

    /** How cdk-nag spells {@code sesArn(type, name)} in an IAM5 finding. */
    static String nagFinding(String type, String name) {
        return "Resource::arn:<AWS::Partition>:ses:<AWS::Region>:<AWS::AccountId>:" + type + "/" + name;
    }
}
