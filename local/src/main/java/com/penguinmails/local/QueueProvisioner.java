package com.penguinmails.local;

import com.penguinmails.catalog.QueueSpec;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import software.amazon.awssdk.services.sqs.SqsClient;
import software.amazon.awssdk.services.sqs.model.QueueAttributeName;
import software.amazon.awssdk.services.sqs.model.QueueDoesNotExistException;

/**
 * Creates each catalog queue with its dead-letter queue {@code <name>-dlq}: the catalog's visibility timeout,
 * and a redrive policy that moves a message to the DLQ after maxReceiveCount receives, as CDK configures it.
 * Attributes are set after creation, so an existing queue (on a shared SQS endpoint) is brought up to date.
 */
final class QueueProvisioner {

    private final SqsClient sqs;

    QueueProvisioner(SqsClient sqs) {
        this.sqs = sqs;
    }

    /** The queues by catalog name. */
    Map<String, LocalQueue> createAll(List<QueueSpec> queues) {
        Map<String, LocalQueue> created = new LinkedHashMap<>();
        for (QueueSpec queue : queues) {
            String deadLetterUrl = create(LocalResourceNames.physicalName(queue.deadLetterQueueName()));
            String url = create(LocalResourceNames.physicalName(queue.name()));
            String redrivePolicy = "{\"deadLetterTargetArn\":\"" + arn(deadLetterUrl)
                    + "\",\"maxReceiveCount\":\"" + queue.maxReceiveCount() + "\"}";
            sqs.setQueueAttributes(b -> b.queueUrl(url).attributes(Map.of(
                    QueueAttributeName.VISIBILITY_TIMEOUT, String.valueOf(queue.visibilityTimeoutSeconds()),
                    QueueAttributeName.REDRIVE_POLICY, redrivePolicy)));
            created.put(queue.name(), new LocalQueue(queue, url, arn(url), deadLetterUrl));
        }
        return created;
    }

    // Looked up first: SQS refuses CreateQueue for an existing queue whose attributes differ from the request's.
    private String create(String name) {
        try {
            return sqs.getQueueUrl(b -> b.queueName(name)).queueUrl();
        } catch (QueueDoesNotExistException notYet) {
            return sqs.createQueue(b -> b.queueName(name)).queueUrl();
        }
    }

    private String arn(String queueUrl) {
        return sqs.getQueueAttributes(b -> b.queueUrl(queueUrl).attributeNames(QueueAttributeName.QUEUE_ARN))
                .attributes().get(QueueAttributeName.QUEUE_ARN);
    }

    /** A created queue: the catalog entry, where to send to it, its ARN for events, and where its DLQ is. */
    record LocalQueue(QueueSpec spec, String url, String arn, String deadLetterUrl) {}
}
