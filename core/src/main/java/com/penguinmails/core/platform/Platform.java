package com.penguinmails.core.platform;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.penguinmails.catalog.ResourceNames;
import java.time.Clock;
import java.util.Map;
import java.util.Random;
import java.util.function.Supplier;
import java.util.random.RandomGenerator;
import software.amazon.awssdk.enhanced.dynamodb.DynamoDbEnhancedClient;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.sns.SnsClient;
import software.amazon.awssdk.services.sqs.SqsClient;

/**
 * What every function is given: its environment (table and queue names from the catalog), the AWS clients,
 * the one clock all code reads time from, the one source of randomness for jitter and pacing gaps, and the JSON mapper. Lambda builds it from the process environment;
 * the local runtime and tests build it with their own clients and a movable clock.
 */
public final class Platform {

    private final Map<String, String> environment;
    private final DynamoDbClient dynamoDb;
    private final DynamoDbEnhancedClient enhancedDynamoDb;
    private final Supplier<SqsClient> sqs;
    private final Supplier<SnsClient> sns;
    private final Clock clock;
    private final RandomGenerator random;

    private Platform(Map<String, String> environment, DynamoDbClient dynamoDb, Supplier<SqsClient> sqs,
                     Supplier<SnsClient> sns, Clock clock, RandomGenerator random) {
        this.environment = Map.copyOf(environment);
        this.dynamoDb = dynamoDb;
        this.enhancedDynamoDb = DynamoDbEnhancedClient.builder().dynamoDbClient(dynamoDb).build();
        this.sqs = sqs;
        this.sns = sns;
        this.clock = clock;
        this.random = random;
    }

    /**
     * The local runtime's and tests' path. The SNS client (platform events) is built on first use from this
     * environment: {@code AWS_ENDPOINT_URL_SNS} there points it at the embedded stand-in or LocalStack.
     */
    public static Platform create(Map<String, String> environment, DynamoDbClient dynamoDb, SqsClient sqs, Clock clock) {
        return create(environment, dynamoDb, sqs, clock, new Random());
    }

    /** With the randomness of jitter and pacing gaps given, so that a test can pin it (a seeded {@link Random}). */
    public static Platform create(Map<String, String> environment, DynamoDbClient dynamoDb, SqsClient sqs, Clock clock,
                                  RandomGenerator random) {
        return new Platform(environment, dynamoDb, () -> sqs,
                memoized(() -> AwsClients.sns(environment, SdkTimeouts.fromEnvironment(environment))), clock, random);
    }

    /**
     * The Lambda path: environment variables set by CDK, clients built once per container. The SQS client is built
     * and SNS clients are built
     * on first use: most API requests never touch a queue or publish, and building an SDK client is a visible part of a cold start.
     */
    public static Platform fromEnvironment() {
        SdkTimeouts timeouts = SdkTimeouts.fromEnvironment(System.getenv());
        return new Platform(System.getenv(), AwsClients.dynamoDb(timeouts), memoized(() -> AwsClients.sqs(timeouts)),
                memoized(() -> AwsClients.sns(timeouts)), Clock.systemUTC(), new Random());
    }

    private static <T> Supplier<T> memoized(Supplier<T> factory) {
        return new Supplier<>() {
            private volatile T value;

            @Override
            public T get() {
                T current = value;
                if (current == null) {
                    synchronized (this) {
                        current = value;
                        if (current == null) {
                            current = factory.get();
                            value = current;
                        }
                    }
                }
                return current;
            }
        };
    }

    public String tableName(String table) {
        return required(ResourceNames.tableVariable(table));
    }

    public String queueUrl(String queue) {
        return required(ResourceNames.queueUrlVariable(queue));
    }

    public String env(String name, String fallback) {
        String value = environment.get(name);
        return value == null || value.isBlank() ? fallback : value;
    }

    public String required(String name) {
        String value = environment.get(name);
        if (value == null || value.isBlank()) {
            throw new IllegalStateException("environment variable " + name + " is not set; the catalog must grant it");
        }
        return value;
    }

    /** How long this function's SDK calls may take (see {@link SdkTimeouts}), for the clients it builds itself. */
    public SdkTimeouts sdkTimeouts() {
        return SdkTimeouts.fromEnvironment(environment);
    }

    public DynamoDbClient dynamoDb() {
        return dynamoDb;
    }

    public DynamoDbEnhancedClient enhancedDynamoDb() {
        return enhancedDynamoDb;
    }

    public SqsClient sqs() {
        return sqs.get();
    }

    /** The SNS client platform events are published with, built on first use (most requests publish nothing). */
    public SnsClient sns() {
        return sns.get();
    }

    public Clock clock() {
        return clock;
    }

    /**
     * Where retry jitter, mailbox send gaps, IP weighting and warmup picks draw from: none of it is a secret, and
     * {@link Random} is safe to share between threads. Ids and secrets do not come from here (see {@link Ids}).
     */
    public RandomGenerator random() {
        return random;
    }

    public ObjectMapper json() {
        return Json.MAPPER;
    }
}
