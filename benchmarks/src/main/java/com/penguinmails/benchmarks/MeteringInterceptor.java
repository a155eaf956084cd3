package com.penguinmails.benchmarks;

import com.penguinmails.local.LocalRuntimeThreads;
import software.amazon.awssdk.core.SdkRequest;
import software.amazon.awssdk.core.interceptor.Context;
import software.amazon.awssdk.core.interceptor.ExecutionAttributes;
import software.amazon.awssdk.core.interceptor.ExecutionInterceptor;
import software.amazon.awssdk.core.interceptor.SdkExecutionAttribute;
import software.amazon.awssdk.services.dynamodb.model.DynamoDbRequest;
import software.amazon.awssdk.services.sns.model.SnsRequest;
import software.amazon.awssdk.services.sqs.model.SqsRequest;

/**
 * Sees every AWS SDK call in this JVM: the SDK loads it for every client it builds, from
 * {@code software/amazon/awssdk/global/handlers/execution.interceptors} in this module. A global hook because the
 * functions' SNS clients are built inside their {@code Platform}, out of reach of the local runtime's client hooks.
 * Only calls made on a function's invocation thread (DynamoDB, SQS, SNS) or an event source mapping's poller (SQS)
 * are metered ({@link LocalRuntimeThreads}): the platform's own plumbing, the SNS stand-in's deliveries into SQS
 * (free in AWS) and the benchmark's own calls are not; of other threads' calls, only the local SES stand-in's
 * delivery events count (as the SNS notifications SES would publish). Does nothing until a {@link Meters} is set.
 */
public final class MeteringInterceptor implements ExecutionInterceptor {

    /** What is being metered now. */
    record Meters(DynamoDbUsage dynamoDb, MessagingUsage messaging) {}

    private static volatile Meters active;

    /** Loaded by the SDK, by reflection. */
    public MeteringInterceptor() {
    }

    static void meter(Meters meters) {
        active = meters;
    }

    static void stop() {
        active = null;
    }

    @Override
    public SdkRequest modifyRequest(Context.ModifyRequest context, ExecutionAttributes attributes) {
        if (active != null && context.request() instanceof DynamoDbRequest
                && LocalRuntimeThreads.current() == LocalRuntimeThreads.Role.FUNCTION) {
            return DynamoDbUsage.withConsumedCapacity(context.request());
        }
        return context.request();
    }

    @Override
    public void afterExecution(Context.AfterExecution context, ExecutionAttributes attributes) {
        Meters meters = active;
        LocalRuntimeThreads.Role role = LocalRuntimeThreads.current();
        if (meters == null) {
            return;
        }
        SdkRequest request = context.request();
        if (role == LocalRuntimeThreads.Role.OTHER) {
            // The local SES stand-in queues its delivery events on a thread of its own, as SES does its own work.
            if (request instanceof SqsRequest) {
                meters.messaging().sesNotifications(request);
            }
            return;
        }
        String operation = attributes.getAttribute(SdkExecutionAttribute.OPERATION_NAME);
        if (request instanceof DynamoDbRequest && role == LocalRuntimeThreads.Role.FUNCTION) {
            meters.dynamoDb().succeeded(operation, request, context.response());
        } else if (request instanceof SqsRequest) {
            meters.messaging().sqs(operation, request, context.response(), role);
        } else if (request instanceof SnsRequest) {
            meters.messaging().sns(operation, request, role);
        }
    }

    @Override
    public void onExecutionFailure(Context.FailedExecution context, ExecutionAttributes attributes) {
        Meters meters = active;
        LocalRuntimeThreads.Role role = LocalRuntimeThreads.current();
        if (meters == null || role == LocalRuntimeThreads.Role.OTHER) {
            return;
        }
        String operation = attributes.getAttribute(SdkExecutionAttribute.OPERATION_NAME);
        SdkRequest request = context.request();
        if (request instanceof DynamoDbRequest && role == LocalRuntimeThreads.Role.FUNCTION) {
            meters.dynamoDb().failed(operation, request, context.exception());
        } else if (request instanceof SqsRequest) {
            // A failed call is still a request (one; its payload did not go anywhere).
            meters.messaging().sqs(operation, request, null, role);
        } else if (request instanceof SnsRequest) {
            meters.messaging().sns(operation, request, role);
        }
    }
}
