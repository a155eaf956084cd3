package com.penguinmails.local;

import com.penguinmails.core.platform.AwsClients;
import com.penguinmails.core.platform.SdkTimeouts;
import com.penguinmails.embedded.DynaliteServer;
import com.penguinmails.embedded.ElasticMqServer;
import com.penguinmails.embedded.MailSink;
import com.penguinmails.embedded.SnsStandIn;
import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Function;
import java.util.stream.Stream;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.sns.SnsClient;
import software.amazon.awssdk.services.sqs.SqsClient;

/**
 * The AWS services the functions talk to, each either embedded (dynalite, ElasticMQ) or, when the standard SDK
 * variable names an endpoint ({@code AWS_ENDPOINT_URL_DYNAMODB}, {@code AWS_ENDPOINT_URL_SQS} or
 * {@code AWS_ENDPOINT_URL}), reached through the SDK's default client, which reads that endpoint, the region and
 * the profile itself. This is decided per service, so SQS can move to LocalStack or AWS while DynamoDB stays
 * embedded. The same holds for SNS (the platform-event topic, {@code AWS_ENDPOINT_URL_SNS}): embedded, it is the SNS
 * stand-in delivering into whichever SQS is in use. Mail always goes to the embedded sink.
 */
final class LocalServices implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(LocalServices.class);

    private final DynamoDbClient dynamoDb;
    private final SqsClient sqs;
    private final MailSink mailSink;
    private final Deque<AutoCloseable> toClose;
    private final Function<SdkTimeouts, DynamoDbClient> dynamoDbWithTimeouts;
    private final Function<SdkTimeouts, SqsClient> sqsWithTimeouts;
    private final Map<SdkTimeouts, DynamoDbClient> functionDynamoDbs = new ConcurrentHashMap<>();
    private final Map<SdkTimeouts, SqsClient> functionSqs = new ConcurrentHashMap<>();
    private final DynaliteServer dynalite;
    private final SnsClient sns;
    private final SnsStandIn snsStandIn;

    private LocalServices(DynamoDbClient dynamoDb, SqsClient sqs, MailSink mailSink, Deque<AutoCloseable> toClose,
                          Function<SdkTimeouts, DynamoDbClient> dynamoDbWithTimeouts, Function<SdkTimeouts, SqsClient> sqsWithTimeouts,
                          DynaliteServer dynalite, SnsClient sns, SnsStandIn snsStandIn) {
        this.dynalite = dynalite;
        this.sns = sns;
        this.snsStandIn = snsStandIn;
        this.dynamoDb = dynamoDb;
        this.sqs = sqs;
        this.mailSink = mailSink;
        this.toClose = toClose;
        this.dynamoDbWithTimeouts = dynamoDbWithTimeouts;
        this.sqsWithTimeouts = sqsWithTimeouts;
    }

    /** Starts what is embedded in parallel, since dynalite (a node process) and ElasticMQ each take a while. */
    static LocalServices start(Map<String, String> processEnvironment, Path dataDir, String region, Clock clock) {
        boolean externalDynamoDb = endpointConfigured(processEnvironment, "AWS_ENDPOINT_URL_DYNAMODB");
        boolean externalSqs = endpointConfigured(processEnvironment, "AWS_ENDPOINT_URL_SQS");
        CompletableFuture<DynaliteServer> dynalite = externalDynamoDb ? null
                : CompletableFuture.supplyAsync(() -> DynaliteServer.start(0, dataDir));
        CompletableFuture<ElasticMqServer> elasticMq = externalSqs ? null
                : CompletableFuture.supplyAsync(() -> ElasticMqServer.start(0, region, sqsDataDir(dataDir)));
        CompletableFuture<MailSink> mail = CompletableFuture.supplyAsync(() -> MailSink.start(0, 0, clock));
        awaitAll(dynalite, elasticMq, mail);

        Deque<AutoCloseable> toClose = new ArrayDeque<>();
        Function<SdkTimeouts, DynamoDbClient> dynamoDbWithTimeouts;
        if (dynalite == null) {
            String sdkRegion = processEnvironment.getOrDefault("AWS_REGION", region);
            dynamoDbWithTimeouts = timeouts -> AwsClients.dynamoDb(null, sdkRegion, List.of(), timeouts);
            LOG.info("DynamoDB: the endpoint configured for the AWS SDK (not embedded)");
        } else {
            DynaliteServer server = dynalite.join();
            toClose.push(server);
            dynamoDbWithTimeouts = timeouts -> AwsClients.dynamoDb(server.endpoint(), region, List.of(), timeouts);
            LOG.info("DynamoDB: embedded dynalite at {}{}", server.endpoint(),
                    dataDir == null ? " (in memory)" : ", data in " + dataDir);
        }
        Function<SdkTimeouts, SqsClient> sqsWithTimeouts;
        if (elasticMq == null) {
            String sdkRegion = processEnvironment.getOrDefault("AWS_REGION", region);
            sqsWithTimeouts = timeouts -> AwsClients.sqs(null, sdkRegion, timeouts);
            LOG.info("SQS: the endpoint configured for the AWS SDK (not embedded)");
        } else {
            ElasticMqServer server = elasticMq.join();
            toClose.push(server);
            sqsWithTimeouts = timeouts -> AwsClients.sqs(server.endpoint(), region, timeouts);
            LOG.info("SQS: embedded ElasticMQ at {}{}", server.endpoint(),
                    dataDir == null ? " (in memory)" : ", queues and messages in " + sqsDataDir(dataDir));
        }
        DynamoDbClient dynamoDb = dynamoDbWithTimeouts.apply(SdkTimeouts.SDK_DEFAULTS);
        SqsClient sqs = sqsWithTimeouts.apply(SdkTimeouts.SDK_DEFAULTS);
        MailSink mailSink = mail.join();
        toClose.push(mailSink);
        LOG.info("Mail: embedded sink, SMTP on 127.0.0.1:{}, IMAP on 127.0.0.1:{}",
                mailSink.smtpPort(), mailSink.imapPort());
        toClose.push(dynamoDb);
        toClose.push(sqs);
        SnsStandIn snsStandIn = null;
        SnsClient sns;
        if (endpointConfigured(processEnvironment, AwsClients.SNS_ENDPOINT_VARIABLE)) {
            sns = AwsClients.sns(Map.of("AWS_REGION", processEnvironment.getOrDefault("AWS_REGION", region)), SdkTimeouts.SDK_DEFAULTS);
            LOG.info("SNS: the endpoint configured for the AWS SDK (not embedded)");
        } else {
            snsStandIn = SnsStandIn.start(0, region, sqs, clock);
            toClose.push(snsStandIn);
            sns = AwsClients.sns(snsEnvironment(snsStandIn, region), SdkTimeouts.SDK_DEFAULTS);
            LOG.info("SNS: embedded stand-in at {} (platform events; subscriptions from the catalog)", snsStandIn.endpoint());
        }
        toClose.push(sns);
        return new LocalServices(dynamoDb, sqs, mailSink, toClose, dynamoDbWithTimeouts, sqsWithTimeouts,
                dynalite == null ? null : dynalite.join(), sns, snsStandIn);
    }

    private static Map<String, String> snsEnvironment(SnsStandIn standIn, String region) {
        return Map.of(AwsClients.SNS_ENDPOINT_VARIABLE, standIn.endpoint().toString(), "AWS_REGION", region);
    }

    /** The platform's own SNS client (creating the event topic and its subscriptions). */
    SnsClient sns() {
        return sns;
    }

    /**
     * What a publishing function needs besides the topic to reach the embedded SNS stand-in; nothing when SNS is
     * elsewhere (the SDK then reads the endpoint from the process environment itself).
     */
    Map<String, String> publisherEnvironment() {
        return snsStandIn == null ? Map.of() : Map.of(AwsClients.SNS_ENDPOINT_VARIABLE, snsStandIn.endpoint().toString());
    }

    /** The platform's own client (provisioning, local endpoints, pollers), with the SDK's default timeouts. */
    DynamoDbClient dynamoDb() {
        return dynamoDb;
    }

    SqsClient sqs() {
        return sqs;
    }

    /**
     * The client functions with these call timeouts share, as each Lambda container has its own with the timeouts
     * its function's timeout gives ({@link SdkTimeouts}); one per distinct catalog timeout.
     */
    DynamoDbClient dynamoDb(SdkTimeouts timeouts) {
        return functionDynamoDbs.computeIfAbsent(timeouts, t -> closedLater(dynamoDbWithTimeouts.apply(t)));
    }

    SqsClient sqs(SdkTimeouts timeouts) {
        return functionSqs.computeIfAbsent(timeouts, t -> closedLater(sqsWithTimeouts.apply(t)));
    }

    private <T extends AutoCloseable> T closedLater(T client) {
        synchronized (toClose) {
            toClose.push(client);
        }
        return client;
    }

    MailSink mailSink() {
        return mailSink;
    }

    /** The embedded DynamoDB, if it is embedded (fault tests pause it). */
    Optional<DynaliteServer> dynalite() {
        return Optional.ofNullable(dynalite);
    }

    /** Closes the clients, then the servers (which stops dynalite's node process). */
    @Override
    public void close() {
        synchronized (toClose) {
            while (!toClose.isEmpty()) {
                closeQuietly(toClose.pop());
            }
        }
    }

    /** Queues and their messages live beside dynalite's files, in their own directory. */
    private static Path sqsDataDir(Path dataDir) {
        return dataDir == null ? null : dataDir.resolve("sqs");
    }

    private static boolean endpointConfigured(Map<String, String> environment, String serviceVariable) {
        return isSet(environment.get(serviceVariable)) || isSet(environment.get("AWS_ENDPOINT_URL"));
    }

    private static boolean isSet(String value) {
        return value != null && !value.isBlank();
    }

    /** Waits for every server; if one failed, stops the others (dynalite must not outlive us) and rethrows. */
    @SafeVarargs
    private static void awaitAll(CompletableFuture<? extends AutoCloseable>... starting) {
        CompletableFuture<?>[] futures = Stream.of(starting).filter(Objects::nonNull).toArray(CompletableFuture[]::new);
        try {
            CompletableFuture.allOf(futures).join();
        } catch (CompletionException e) {
            for (CompletableFuture<?> future : futures) {
                future.thenAccept(server -> closeQuietly((AutoCloseable) server));
            }
            throw e.getCause() instanceof RuntimeException cause ? cause : e;
        }
    }

    private static void closeQuietly(AutoCloseable resource) {
        try {
            resource.close();
        } catch (Exception e) {
            LOG.warn("could not close {}", resource, e);
        }
    }
}
