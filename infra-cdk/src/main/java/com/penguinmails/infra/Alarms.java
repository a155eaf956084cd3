package com.penguinmails.infra;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import software.amazon.awscdk.Duration;
import software.amazon.awscdk.services.cloudwatch.Alarm;
import software.amazon.awscdk.services.cloudwatch.ComparisonOperator;
import software.amazon.awscdk.services.cloudwatch.CreateAlarmOptions;
import software.amazon.awscdk.services.cloudwatch.MetricOptions;
import software.amazon.awscdk.services.cloudwatch.TreatMissingData;
import software.amazon.awscdk.services.sqs.IQueue;
import software.constructs.Construct;

/** One alarm per dead-letter queue: a single message there is work that was given up on and needs a person. */
public final class Alarms extends Construct {

    /** @param deadLetterQueues by a name that says whose dead letters they are, e.g. {@code audit-events-dlq} */
    public record Props(Map<String, IQueue> deadLetterQueues) {
    }

    private final List<Alarm> alarms = new ArrayList<>();

    public Alarms(Construct scope, String id, Props props) {
        super(scope, id);
        props.deadLetterQueues().forEach((name, queue) -> alarms.add(queue
                .metricApproximateNumberOfMessagesVisible(MetricOptions.builder()
                        .statistic("Maximum")
                        .period(Duration.minutes(1))
                        .build())
                .createAlarm(this, Names.pascalCase(name), CreateAlarmOptions.builder()
                        .alarmDescription("Messages in dead-letter queue " + name + ": inspect them, fix the cause, "
                                + "then redrive.")
                        .comparisonOperator(ComparisonOperator.GREATER_THAN_OR_EQUAL_TO_THRESHOLD)
                        .threshold(1)
                        .evaluationPeriods(1)
                        .treatMissingData(TreatMissingData.NOT_BREACHING)
                        .build())));
    }

    public List<Alarm> alarms() {
        return Collections.unmodifiableList(alarms);
    }
}
