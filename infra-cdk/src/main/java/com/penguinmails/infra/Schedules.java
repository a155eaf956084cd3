package com.penguinmails.infra;

import com.penguinmails.catalog.FunctionCatalog;
import com.penguinmails.catalog.FunctionSpec;
import com.penguinmails.catalog.Trigger.ScheduleTrigger;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import software.amazon.awscdk.Duration;
import software.amazon.awscdk.services.events.Rule;
import software.amazon.awscdk.services.events.Schedule;
import software.amazon.awscdk.services.events.targets.LambdaFunction;
import software.amazon.awscdk.services.events.targets.LambdaFunctionProps;
import software.amazon.awscdk.services.lambda.Alias;
import software.amazon.awscdk.services.lambda.EventInvokeConfigOptions;
import software.amazon.awscdk.services.lambda.destinations.SqsDestination;
import software.amazon.awscdk.services.sqs.IQueue;
import software.amazon.awscdk.services.sqs.Queue;
import software.amazon.awscdk.services.sqs.QueueEncryption;
import software.constructs.Construct;

/**
 * One EventBridge rule per scheduled catalog function, invoking its {@code live} alias. A run that cannot be
 * delivered, or that fails, lands in the function's schedule dead-letter queue, where {@link Alarms} notices it.
 */
public final class Schedules extends Construct {

    /**
     * How long a run is retried before it goes to the dead-letter queue (and its alarm). Frequent schedules have
     * run again long before; daily ones need a person to look, which the alarm asks for.
     */
    static final Duration MAX_EVENT_AGE = Duration.hours(1);
    static final int RETRY_ATTEMPTS = 2;

    public record Props(FunctionCatalog catalog, Functions functions) {
    }

    private final Map<String, IQueue> deadLetterQueues = new LinkedHashMap<>();

    public Schedules(Construct scope, String id, Props props) {
        super(scope, id);
        for (FunctionSpec spec : props.catalog().functions()) {
            ScheduleTrigger schedule = spec.trigger().schedule();
            if (schedule == null) {
                continue;
            }
            String ruleId = Names.pascalCase(spec.name());
            Queue deadLetters = Queue.Builder.create(this, ruleId + "DeadLetters")
                    .retentionPeriod(Queues.DEAD_LETTER_RETENTION)
                    .encryption(QueueEncryption.SQS_MANAGED)
                    .enforceSsl(true)
                    .build();
            Nag.suppress(deadLetters, "AwsSolutions-SQS3", "This queue is itself a dead-letter queue: of the "
                    + "EventBridge target and of the function's asynchronous invocations.");
            Alias alias = props.functions().function(spec.name()).alias();
            Rule.Builder.create(this, ruleId)
                    .description("Runs " + spec.name() + " on " + schedule.expression())
                    .schedule(Schedule.expression(schedule.expression()))
                    .targets(List.of(new LambdaFunction(alias, LambdaFunctionProps.builder()
                            .deadLetterQueue(deadLetters)
                            .retryAttempts(RETRY_ATTEMPTS)
                            .maxEventAge(MAX_EVENT_AGE)
                            .build())))
                    .build();
            // EventBridge invokes asynchronously, so its dead-letter queue only sees delivery failures; runs that
            // fail inside the function go to the same queue through the alias's on-failure destination.
            alias.configureAsyncInvoke(EventInvokeConfigOptions.builder()
                    .retryAttempts(RETRY_ATTEMPTS)
                    .maxEventAge(MAX_EVENT_AGE)
                    .onFailure(new SqsDestination(deadLetters))
                    .build());
            deadLetterQueues.put(spec.name() + "-schedule-dlq", deadLetters);
        }
    }

    /** Each scheduled function's dead-letter queue, keyed {@code <function>-schedule-dlq}. */
    public Map<String, IQueue> deadLetterQueues() {
        return Collections.unmodifiableMap(deadLetterQueues);
    }
}
