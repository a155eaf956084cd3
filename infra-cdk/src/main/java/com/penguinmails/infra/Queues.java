package com.penguinmails.infra;

import com.penguinmails.catalog.QueueSpec;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import software.amazon.awscdk.Duration;
import software.amazon.awscdk.services.sqs.DeadLetterQueue;
import software.amazon.awscdk.services.sqs.IQueue;
import software.amazon.awscdk.services.sqs.Queue;
import software.amazon.awscdk.services.sqs.QueueEncryption;
import software.constructs.Construct;

/** One SQS queue per catalog queue, each with its dead-letter queue ({@code <name>-dlq}). */
public final class Queues extends Construct {

    /** Long enough to notice the alarm, find the bug, and redrive the messages. */
    static final Duration DEAD_LETTER_RETENTION = Duration.days(14);

    public record Props(List<QueueSpec> specs) {
    }

    private final Map<String, Queue> queues = new LinkedHashMap<>();
    private final Map<String, IQueue> deadLetterQueues = new LinkedHashMap<>();

    public Queues(Construct scope, String id, Props props) {
        super(scope, id);
        for (QueueSpec spec : props.specs()) {
            String queueId = Names.pascalCase(spec.name());
            Queue deadLetters = Queue.Builder.create(this, queueId + "DeadLetters")
                    .retentionPeriod(DEAD_LETTER_RETENTION)
                    .encryption(QueueEncryption.SQS_MANAGED)
                    .enforceSsl(true)
                    .build();
            Queue queue = Queue.Builder.create(this, queueId)
                    .visibilityTimeout(Duration.seconds(spec.visibilityTimeoutSeconds()))
                    .deadLetterQueue(DeadLetterQueue.builder()
                            .queue(deadLetters)
                            .maxReceiveCount(spec.maxReceiveCount())
                            .build())
                    .encryption(QueueEncryption.SQS_MANAGED)
                    .enforceSsl(true)
                    .build();
            queues.put(spec.name(), queue);
            deadLetterQueues.put(spec.deadLetterQueueName(), deadLetters);
        }
    }

    /** The queue the catalog calls {@code name}. */
    public Queue queue(String name) {
        Queue queue = queues.get(name);
        if (queue == null) {
            throw new IllegalArgumentException("no queue named " + name);
        }
        return queue;
    }

    /** The queue the catalog calls {@code name}, if it declares one. */
    public Optional<Queue> find(String name) {
        return Optional.ofNullable(queues.get(name));
    }

    /** Every dead-letter queue by its catalog name ({@code <name>-dlq}). */
    public Map<String, IQueue> deadLetterQueues() {
        return Collections.unmodifiableMap(deadLetterQueues);
    }
}
