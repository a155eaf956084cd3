package com.penguinmails.catalog;

/** An SQS queue; each gets a dead-letter queue named {@code <name>-dlq} that receives after maxReceiveCount tries. */
public record QueueSpec(String name, Integer visibilityTimeoutSeconds, Integer maxReceiveCount) {

    public QueueSpec {
        visibilityTimeoutSeconds = visibilityTimeoutSeconds == null ? 60 : visibilityTimeoutSeconds;
        maxReceiveCount = maxReceiveCount == null ? 5 : maxReceiveCount;
    }

    public String deadLetterQueueName() {
        return name + "-dlq";
    }
}
