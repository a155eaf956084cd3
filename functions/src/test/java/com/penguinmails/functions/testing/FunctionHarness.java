package com.penguinmails.functions.testing;

import com.amazonaws.services.lambda.runtime.serialization.events.LambdaEventSerializers;
import com.penguinmails.catalog.FunctionCatalog;
import com.penguinmails.catalog.FunctionSpec;
import com.penguinmails.catalog.QueueSpec;
import com.penguinmails.catalog.ResourceNames;
import com.penguinmails.catalog.TableSpec;
import com.penguinmails.core.platform.AwsClients;
import com.penguinmails.core.platform.CatalogTables;
import com.penguinmails.core.platform.Platform;
import com.penguinmails.embedded.ClockStart;
import com.penguinmails.embedded.ElasticMqServer;
import com.penguinmails.embedded.SnsStandIn;
import com.penguinmails.embedded.EmbeddedDynamoDbExtension;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.Map;
import software.amazon.awssdk.services.sqs.SqsClient;

/**
 * Runs handlers as Lambda would, on the embedded DynamoDB and SQS: each function gets exactly the environment the
 * catalog gives it, and sample events from {@code events/} are read with AWS's own Lambda event serializers.
 */
public final class FunctionHarness {

    public static final FunctionCatalog CATALOG = FunctionCatalog.load();
    private static ElasticMqServer sqsServer;
    private static SqsClient sqs;
    private static SnsStandIn sns;
    private static String eventTopicArn;

    private final EmbeddedDynamoDbExtension dynamo;
    private final Map<String, String> queueUrls = new HashMap<>();

    public FunctionHarness(EmbeddedDynamoDbExtension dynamo) {
        this.dynamo = dynamo;
        for (TableSpec table : CATALOG.tables()) {
            CatalogTables.create(dynamo.client(), table, tableName(table.name()));
        }
        for (QueueSpec queue : CATALOG.queues()) {
            String name = queue.name() + dynamo.tableSuffix();
            queueUrls.put(queue.name(), sqs().createQueue(r -> r.queueName(name)).queueUrl());
        }
    }

    public Platform platformFor(String function, Clock clock, Map<String, String> extraEnv) {
        FunctionSpec spec = CATALOG.function(function);
        Map<String, String> env = new HashMap<>(spec.environment(new ResourceNames() {
            public String tableName(String table) {
                return FunctionHarness.this.tableName(table);
            }

            public String queueUrl(String queue) {
                return queueUrls.get(queue);
            }

            public String eventTopicArn() {
                return eventTopic();
            }
        }));
        if (spec.publishesEvents()) {
            env.put("AWS_ENDPOINT_URL_SNS", sns.endpoint().toString());
        }
        env.putAll(extraEnv);
        return Platform.create(env, dynamo.client(), sqs(), clock);
    }

    /**
     * The clock handlers under test read: the system's, or shifted to start at the instant {@link ClockStart} names,
     * as the local platform's clock does, so these tests also run far from today.
     */
    public static Clock clock() {
        return ClockStart.configured()
                .map(start -> Clock.offset(Clock.systemUTC(), Duration.between(Instant.now(), start)))
                .orElse(Clock.systemUTC());
    }

    public String queueUrl(String queue) {
        return queueUrls.get(queue);
    }

    public String tableName(String table) {
        return "fn-" + table + dynamo.tableSuffix();
    }

    /** The platform-event topic of the SNS stand-in (no subscriptions: handler tests publish, nobody consumes). */
    public static synchronized String eventTopic() {
        if (sns == null) {
            sns = SnsStandIn.start(0, "us-east-1", sqs(), java.time.Clock.systemUTC());
            eventTopicArn = sns.createTopic("pm-test-events");
            Runtime.getRuntime().addShutdownHook(new Thread(sns::close));
        }
        return eventTopicArn;
    }

    public static synchronized SqsClient sqs() {
        if (sqs == null) {
            sqsServer = ElasticMqServer.start(0, "us-east-1");
            sqs = AwsClients.sqs(sqsServer.endpoint(), "us-east-1");
            Runtime.getRuntime().addShutdownHook(new Thread(sqsServer::close));
        }
        return sqs;
    }

    /** A sample event from the repository's {@code events/} folder, deserialised as the Lambda runtime would. */
    public static <T> T event(String relativePath, Class<T> type) {
        return LambdaEventSerializers.serializerFor(type, FunctionHarness.class.getClassLoader()).fromJson(read(relativePath));
    }

    public static <T> T event(String relativePath, Class<T> type, Map<String, String> replacements) {
        String json = read(relativePath);
        for (Map.Entry<String, String> r : replacements.entrySet()) {
            json = json.replace(r.getKey(), r.getValue());
        }
        return LambdaEventSerializers.serializerFor(type, FunctionHarness.class.getClassLoader()).fromJson(json);
    }

    private static String read(String relativePath) {
        try {
            return Files.readString(Path.of("..", "events").resolve(relativePath));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
