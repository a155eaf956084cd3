package com.penguinmails.local;

import com.penguinmails.embedded.DynaliteServer;
import com.penguinmails.embedded.ElasticMqServer;
import com.penguinmails.embedded.MailSink;
import com.penguinmails.shared.platform.AwsClients;
import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.List;
import java.util.Map;
import software.amazon.awssdk.core.interceptor.ExecutionInterceptor;
import java.util.Objects;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.stream.Stream;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.sqs.SqsClient;

/**
 * The AWS services the functions talk to, each either embedded (dynalite, ElasticMQ) or, when the standard SDK
 * variable names an endpoint ({@code AWS_ENDPOINT_URL_DYNAMODB}, {@code AWS_ENDPOINT_URL_SQS} or
 * {@code AWS_ENDPOINT_URL}), reached through the SDK's default client, which reads that endpoint, the region and
 * the profile itself. This is decided per service, so SQS can move to LocalStack or AWS while DynamoDB stays
 * embedded. Mail always goes to the embedded sink.
 */
final class LocalServices implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(LocalServices.class);

    private final DynamoDbClient dynamoDb;
    private final SqsClient sqs;
    private final MailSink mailSink;
    private final Deque<AutoCloseable> toClose;

    private LocalServices(DynamoDbClient dynamoDb, SqsClient sqs, MailSink mailSink, Deque<AutoCloseable> toClose) {
        this.dynamoDb = dynamoDb;
        this.sqs = sqs;
        this.mailSink = mailSink;
        this.toClose = toClose;
    }

    /** Starts what is embedded in parallel, since dynalite (a node process) and ElasticMQ each take a while. */
    static LocalServices start(Map<String, String> processEnvironment, Path dataDir, String region,
                               List<ExecutionInterceptor> dynamoDbInterceptors, Clock clock) {
        boolean externalDynamoDb = endpointConfigured(processEnvironment, "AWS_ENDPOINT_URL_DYNAMODB");
        boolean externalSqs = endpointConfigured(processEnvironment, "AWS_ENDPOINT_URL_SQS");
        CompletableFuture<DynaliteServer> dynalite = externalDynamoDb ? null
                : CompletableFuture.supplyAsync(() -> DynaliteServer.start(0, dataDir));
        CompletableFuture<ElasticMqServer> elasticMq = externalSqs ? null
                : CompletableFuture.supplyAsync(() -> ElasticMqServer.start(0, region, sqsDataDir(dataDir)));
        CompletableFuture<MailSink> mail = CompletableFuture.supplyAsync(() -> MailSink.start(0, 0, clock));
        awaitAll(dynalite, elasticMq, mail);

        Deque<AutoCloseable> toClose = new ArrayDeque<>();
        DynamoDbClient dynamoDb;
        if (dynalite == null) {
            dynamoDb = AwsClients.dynamoDb(null, processEnvironment.getOrDefault("AWS_REGION", region), dynamoDbInterceptors);
            LOG.info("DynamoDB: the endpoint configured for the AWS SDK (not embedded)");
        } else {
            DynaliteServer server = dynalite.join();
            toClose.push(server);
            dynamoDb = AwsClients.dynamoDb(server.endpoint(), region, dynamoDbInterceptors);
            LOG.info("DynamoDB: embedded dynalite at {}{}", server.endpoint(),
                    dataDir == null ? " (in memory)" : ", data in " + dataDir);
        }
        SqsClient sqs;
        if (elasticMq == null) {
            sqs = AwsClients.sqs();
            LOG.info("SQS: the endpoint configured for the AWS SDK (not embedded)");
        } else {
            ElasticMqServer server = elasticMq.join();
            toClose.push(server);
            sqs = AwsClients.sqs(server.endpoint(), region);
            LOG.info("SQS: embedded ElasticMQ at {}{}", server.endpoint(),
                    dataDir == null ? " (in memory)" : ", queues and messages in " + sqsDataDir(dataDir));
        }
        MailSink mailSink = mail.join();
        toClose.push(mailSink);
        LOG.info("Mail: embedded sink, SMTP on 127.0.0.1:{}, IMAP on 127.0.0.1:{}",
                mailSink.smtpPort(), mailSink.imapPort());
        toClose.push(dynamoDb);
        toClose.push(sqs);
        return new LocalServices(dynamoDb, sqs, mailSink, toClose);
    }

    DynamoDbClient dynamoDb() {
        return dynamoDb;
    }

    SqsClient sqs() {
        return sqs;
    }

    MailSink mailSink() {
        return mailSink;
    }

    /** Closes the clients, then the servers (which stops dynalite's node process). */
    @Override
    public void close() {
        while (!toClose.isEmpty()) {
            closeQuietly(toClose.pop());
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
