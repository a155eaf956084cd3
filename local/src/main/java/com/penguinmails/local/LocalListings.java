package com.penguinmails.local;

import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import software.amazon.awssdk.services.sqs.SqsClient;
import software.amazon.awssdk.services.sqs.model.QueueAttributeName;

/**
 * {@code GET /_local/queues} and {@code GET /_local/schedules}: what a local run has to post to and what it will run
 * next, so a user finds the names for {@code /_local/queues/{name}/messages} and {@code /_local/schedules/{name}/run}
 * without reading the catalog. Depths are SQS's approximate counts, asked for on every request.
 */
final class LocalListings {

    private static final List<QueueAttributeName> COUNTS = List.of(QueueAttributeName.APPROXIMATE_NUMBER_OF_MESSAGES,
            QueueAttributeName.APPROXIMATE_NUMBER_OF_MESSAGES_NOT_VISIBLE,
            QueueAttributeName.APPROXIMATE_NUMBER_OF_MESSAGES_DELAYED);

    private final Map<String, QueueProvisioner.LocalQueue> queues;
    private final Map<String, String> consumers = new LinkedHashMap<>();
    private final Scheduler scheduler;
    private final SqsClient sqs;

    LocalListings(Map<String, QueueProvisioner.LocalQueue> queues, List<LocalFunction> sqsTriggered, Scheduler scheduler,
                  SqsClient sqs) {
        this.queues = new LinkedHashMap<>(queues); // in catalog order, as a user reads catalog.yaml
        this.scheduler = scheduler;
        this.sqs = sqs;
        for (LocalFunction function : sqsTriggered) {
            consumers.put(function.spec().trigger().sqs().queue(), function.name());
        }
    }

    void register(LocalRoutes routes) {
        routes.add("GET", "/_local/queues", (request, path) -> GatewayResponse.json(200, Map.of("queues", queues())))
                .add("GET", "/_local/schedules", (request, path) -> GatewayResponse.json(200, Map.of("schedules", schedules())));
    }

    private List<QueueView> queues() {
        return queues.values().stream().map(queue -> {
            Map<QueueAttributeName, String> counts = counts(queue.url());
            Map<QueueAttributeName, String> deadLetters = counts(queue.deadLetterUrl());
            String name = queue.spec().name();
            return new QueueView(name, consumers.get(name), count(counts, QueueAttributeName.APPROXIMATE_NUMBER_OF_MESSAGES),
                    count(counts, QueueAttributeName.APPROXIMATE_NUMBER_OF_MESSAGES_NOT_VISIBLE),
                    count(counts, QueueAttributeName.APPROXIMATE_NUMBER_OF_MESSAGES_DELAYED),
                    new DeadLetterView(queue.spec().deadLetterQueueName(),
                            count(deadLetters, QueueAttributeName.APPROXIMATE_NUMBER_OF_MESSAGES)),
                    "/_local/queues/" + name + "/messages");
        }).toList();
    }

    private List<ScheduleView> schedules() {
        return scheduler.upcoming().stream()
                .map(s -> new ScheduleView(s.schedule(), s.expression(), s.nextRun(), "/_local/schedules/" + s.schedule() + "/run"))
                .toList();
    }

    private Map<QueueAttributeName, String> counts(String queueUrl) {
        return sqs.getQueueAttributes(b -> b.queueUrl(queueUrl).attributeNames(COUNTS)).attributes();
    }

    private static long count(Map<QueueAttributeName, String> attributes, QueueAttributeName name) {
        String value = attributes.get(name);
        return value == null ? 0 : Long.parseLong(value);
    }

    /**
     * A catalog queue: the function its messages trigger, how many wait ({@code messages}), are being handled
     * ({@code inFlight}) or are delayed, its dead-letter queue's depth, and where to post a message by hand.
     */
    record QueueView(String name, String consumer, long messages, long inFlight, long delayed, DeadLetterView deadLetterQueue,
                     String post) {}

    record DeadLetterView(String name, long messages) {}

    /** A schedule (named after its function), its EventBridge expression, when it next fires on the platform clock. */
    record ScheduleView(String name, String expression, Instant nextRun, String run) {}
}
