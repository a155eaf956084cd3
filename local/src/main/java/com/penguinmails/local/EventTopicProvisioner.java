package com.penguinmails.local;

import com.penguinmails.catalog.SubscriptionSpec;
import java.util.List;
import java.util.Map;
import software.amazon.awssdk.services.sns.SnsClient;
import software.amazon.event.ruler.RuleCompiler;

/**
 * Creates the platform-event topic and subscribes each catalog subscription's queue to it as CDK does: SQS protocol,
 * raw delivery, the pattern as a filter policy on the message body. Through the SNS API, so it works on the embedded
 * stand-in and on LocalStack alike (both answer an existing topic or unchanged subscription as it is).
 */
final class EventTopicProvisioner {

    static final String TOPIC = LocalResourceNames.physicalName("events");

    private final SnsClient sns;

    EventTopicProvisioner(SnsClient sns) {
        this.sns = sns;
    }

    /** The topic's ARN, once every subscription is in place. */
    String createWithSubscriptions(List<SubscriptionSpec> subscriptions, Map<String, QueueProvisioner.LocalQueue> queues) {
        String topicArn = sns.createTopic(c -> c.name(TOPIC)).topicArn();
        for (SubscriptionSpec subscription : subscriptions) {
            // The catalog checked the shape; AWS's own engine has the last word on the pattern.
            String problem = RuleCompiler.check(subscription.patternJson());
            if (problem != null) {
                throw new IllegalArgumentException("catalog: subscription " + subscription.name() + ": pattern "
                        + subscription.patternJson() + " is not a valid event pattern: " + problem);
            }
            String queueArn = queues.get(subscription.queue()).arn();
            sns.subscribe(s -> s.topicArn(topicArn).protocol("sqs").endpoint(queueArn).attributes(Map.of(
                    "RawMessageDelivery", "true",
                    "FilterPolicyScope", "MessageBody",
                    "FilterPolicy", subscription.patternJson())));
        }
        return topicArn;
    }
}
