package com.penguinmails.infra;

import com.penguinmails.catalog.FunctionCatalog;
import com.penguinmails.catalog.FunctionSpec;
import com.penguinmails.catalog.QueueSpec;
import com.penguinmails.catalog.Trigger.SqsTrigger;
import software.amazon.awscdk.Duration;
import software.amazon.awscdk.services.lambda.eventsources.SqsEventSource;
import software.amazon.awscdk.services.lambda.eventsources.SqsEventSourceProps;
import software.constructs.Construct;

/**
 * Connects each SQS-triggered catalog function's {@code live} alias to its queue. The event source grants the
 * function consume rights on that one queue only.
 */
public final class QueueTriggers extends Construct {

    public record Props(FunctionCatalog catalog, Functions functions, Queues queues) {
    }

    public QueueTriggers(Construct scope, String id, Props props) {
        super(scope, id);
        for (FunctionSpec spec : props.catalog().functions()) {
            SqsTrigger trigger = spec.trigger().sqs();
            if (trigger == null) {
                continue;
            }
            requireVisibilityCoversTimeout(props.catalog().queue(trigger.queue()), spec);
            props.functions().function(spec.name()).alias().addEventSource(new SqsEventSource(
                    props.queues().queue(trigger.queue()),
                    SqsEventSourceProps.builder()
                            .batchSize(trigger.batchSize())
                            .maxBatchingWindow(trigger.maxBatchingWindowSeconds() > 0
                                    ? Duration.seconds(trigger.maxBatchingWindowSeconds())
                                    : null)
                            // The handlers return the failed message ids so one bad message is not retried with its batch.
                            .reportBatchItemFailures(true)
                            .build()));
        }
    }

    /** Lambda refuses the event source at deploy time otherwise; fail at synth with a clearer message. */
    private static void requireVisibilityCoversTimeout(QueueSpec queue, FunctionSpec function) {
        if (queue.visibilityTimeoutSeconds() < function.timeoutSeconds()) {
            throw new IllegalArgumentException("queue " + queue.name() + ": visibilityTimeoutSeconds ("
                    + queue.visibilityTimeoutSeconds() + ") must be at least the timeout of " + function.name()
                    + " (" + function.timeoutSeconds() + ")");
        }
    }
}
