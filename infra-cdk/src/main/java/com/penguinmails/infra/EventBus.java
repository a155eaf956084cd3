package com.penguinmails.infra;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.penguinmails.catalog.FunctionCatalog;
import com.penguinmails.catalog.SubscriptionSpec;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import software.amazon.awscdk.services.iam.PolicyStatement;
import software.amazon.awscdk.services.kms.Alias;
import software.amazon.awscdk.services.lambda.IFunction;
import software.amazon.awscdk.services.sns.CfnSubscription;
import software.amazon.awscdk.services.sns.Subscription;
import software.amazon.awscdk.services.sns.Topic;
import software.amazon.awscdk.services.sns.subscriptions.SqsSubscription;
import software.amazon.event.ruler.RuleCompiler;
import software.constructs.Construct;

/**
 * The platform-event topic: one SNS standard topic every publishing function sends CloudEvents JSON to with
 * PublishBatch, fanned out to one queue per catalog subscription with raw delivery and the subscription's pattern
 * as a filter policy on the message body (the catalog writes it in the syntax SNS body policies and EventBridge
 * share; event-ruler, EventBridge's engine, checks it here and matches it locally). Made only when the catalog has a
 * publisher or a subscription.
 *
 * <p>Encrypted with the AWS managed SNS key: the publishers are our own functions (the key policy lets principals
 * of the account use it through SNS) and the queues use SQS-managed encryption, so neither side needs a key grant.
 */
public final class EventBus extends Construct {

    private static final ObjectMapper JSON = new ObjectMapper();

    public record Props(FunctionCatalog catalog, Queues queues) {
    }

    private final Topic topic;
    private final Map<String, Subscription> subscriptions = new LinkedHashMap<>();

    public EventBus(Construct scope, String id, Props props) {
        super(scope, id);
        if (!props.catalog().usesEventTopic()) {
            topic = null;
            return;
        }
        topic = Topic.Builder.create(this, "Topic")
                .displayName("PenguinMails platform events")
                .masterKey(Alias.fromAliasName(this, "AwsManagedSnsKey", "alias/aws/sns"))
                .enforceSsl(true)
                .build();
        for (SubscriptionSpec spec : props.catalog().subscriptions()) {
            String problem = RuleCompiler.check(spec.patternJson());
            if (problem != null) {
                throw new IllegalArgumentException("catalog: subscription " + spec.name() + ": pattern "
                        + spec.patternJson() + " is not a valid event pattern: " + problem);
            }
            // SqsSubscription adds the queue policy statement that lets this topic, and only it, send to the queue.
            Subscription subscription = topic.addSubscription(SqsSubscription.Builder.create(props.queues().queue(spec.queue()))
                    .rawMessageDelivery(true)
                    .build());
            CfnSubscription cfn = (CfnSubscription) subscription.getNode().getDefaultChild();
            cfn.setFilterPolicyScope("MessageBody");
            cfn.setFilterPolicy(JSON.convertValue(spec.pattern(), new TypeReference<Map<String, Object>>() { }));
            subscriptions.put(spec.name(), subscription);
        }
    }

    /** The topic, if the catalog needs one. */
    public Optional<Topic> topic() {
        return Optional.ofNullable(topic);
    }

    /** The SNS subscription the catalog calls {@code name}. */
    public Subscription subscription(String name) {
        Subscription subscription = subscriptions.get(name);
        if (subscription == null) {
            throw new IllegalArgumentException("no subscription named " + name);
        }
        return subscription;
    }

    /**
     * Lets a function publish (sns:Publish covers PublishBatch). Not {@code grantPublish}: that would add KMS actions
     * on every key of the account, and the AWS managed key's own policy already lets the account's principals use it
     * through SNS.
     */
    void allowPublishing(IFunction function) {
        function.addToRolePolicy(PolicyStatement.Builder.create()
                .actions(List.of("sns:Publish"))
                .resources(List.of(topic().orElseThrow().getTopicArn()))
                .build());
    }
}
