package com.penguinmails.local;

import com.penguinmails.catalog.FunctionCatalog;
import com.penguinmails.core.events.PlatformEventPublisher;
import com.penguinmails.core.events.internal.SnsEventPublisher;
import com.penguinmails.embedded.ClockStart;
import com.penguinmails.embedded.DynaliteServer;
import com.penguinmails.embedded.MailSink;
import java.net.URI;
import java.nio.file.Path;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.sqs.SqsClient;

/**
 * The whole platform in this process, built from the catalog: DynamoDB, SQS and the SNS topic for platform events
 * with the catalog's subscriptions (embedded unless an SDK endpoint variable points elsewhere), a mail sink, every function once, the HTTP API with its authorizer on 127.0.0.1,
 * SQS pollers, and EventBridge-like schedules on a {@link MovableClock}.
 *
 * <pre>{@code
 * try (LocalPlatform platform = LocalPlatform.builder().port(0).bootstrap(false).start()) {
 *     URI api = platform.url();
 * }
 * }</pre>
 */
public final class LocalPlatform implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(LocalPlatform.class);
    public static final int DEFAULT_PORT = 8080;
    /** Lambda starts an SQS event source mapping at five concurrent batches when its queue has messages. */
    public static final int DEFAULT_SQS_CONCURRENCY = 5;

    private final LocalServices services;
    private final Map<String, QueueProvisioner.LocalQueue> queues;
    private final MovableClock clock;
    private final OperatorKey operatorKey;
    private final int port;
    private final Bootstrap.Result bootstrap;
    private final Path secretsFile;
    private final Map<String, SqsPoller> pollers;
    private final Deque<AutoCloseable> running;
    private final String eventTopicArn;

    private LocalPlatform(LocalServices services, Map<String, QueueProvisioner.LocalQueue> queues, MovableClock clock,
                          OperatorKey operatorKey, int port, Bootstrap.Result bootstrap, Path secretsFile,
                          Map<String, SqsPoller> pollers, Deque<AutoCloseable> running, String eventTopicArn) {
        this.eventTopicArn = eventTopicArn;
        this.services = services;
        this.queues = queues;
        this.clock = clock;
        this.operatorKey = operatorKey;
        this.port = port;
        this.bootstrap = bootstrap;
        this.secretsFile = secretsFile;
        this.pollers = pollers;
        this.running = running;
    }

    public static Builder builder() {
        return new Builder();
    }

    /** {@code http://127.0.0.1:PORT}, the API's base URL. */
    public URI url() {
        return URI.create("http://127.0.0.1:" + port);
    }

    public int port() {
        return port;
    }

    /** The platform-operator key (new on every start, or kept in the data directory); it may create workspaces. */
    public String operatorKey() {
        return operatorKey.secret();
    }

    /**
     * With a data directory, the file that keeps this run's keys (operator, bootstrap owner, mailbox passwords,
     * tracking links) and bootstrap workspace for the next start: {@code <data-dir>/bootstrap.json}.
     */
    public Optional<Path> secretsFile() {
        return Optional.ofNullable(secretsFile);
    }

    /** The bootstrapped owner's API key; empty when bootstrap was off. */
    public Optional<String> ownerApiKey() {
        return Optional.ofNullable(bootstrap).map(Bootstrap.Result::ownerApiKey);
    }

    /** The bootstrapped workspace; empty when bootstrap was off. */
    public Optional<String> workspaceId() {
        return Optional.ofNullable(bootstrap).map(Bootstrap.Result::workspaceId);
    }

    /** The clock every function reads; advance it through here or {@code POST /_local/clock/advance}. */
    public MovableClock clock() {
        return clock;
    }

    public DynamoDbClient dynamoDb() {
        return services.dynamoDb();
    }

    public SqsClient sqs() {
        return services.sqs();
    }

    /** The platform-event topic ({@code pm-local-events}), with the catalog's subscriptions in place. */
    public String eventTopicArn() {
        return eventTopicArn;
    }

    /** What a publishing function gets besides {@code PM_EVENT_TOPIC_ARN}: the embedded SNS endpoint, if embedded. */
    public Map<String, String> publisherEnvironment() {
        return services.publisherEnvironment();
    }

    /** Publishes to the event topic as a function's publisher does, for tests. */
    public PlatformEventPublisher eventPublisher() {
        return new SnsEventPublisher(services.sns(), eventTopicArn);
    }

    public MailSink mailSink() {
        return services.mailSink();
    }

    /** The embedded DynamoDB server, absent when DynamoDB is elsewhere (fault tests pause it). */
    public Optional<DynaliteServer> embeddedDynamoDb() {
        return services.dynalite();
    }

    /** The local name of a catalog table, e.g. {@code pm-local-api-keys}. */
    public String tableName(String catalogTable) {
        return LocalResourceNames.physicalName(catalogTable);
    }

    public String queueUrl(String catalogQueue) {
        return queue(catalogQueue).url();
    }

    public String deadLetterQueueUrl(String catalogQueue) {
        return queue(catalogQueue).deadLetterUrl();
    }

    /**
     * Stops the function polling a catalog queue for the rest of this run (its running batch finishes first), so
     * what is sent to the queue stays there: how a test holds messages back, e.g. to restart with them queued.
     */
    void stopPolling(String catalogQueue) {
        SqsPoller poller = pollers.get(queue(catalogQueue).spec().name());
        if (poller == null) {
            throw new IllegalArgumentException("no function polls " + catalogQueue);
        }
        poller.close();
    }

    private QueueProvisioner.LocalQueue queue(String name) {
        QueueProvisioner.LocalQueue queue = queues.get(name);
        if (queue == null) {
            throw new IllegalArgumentException("no catalog queue named " + name);
        }
        return queue;
    }

    /** Stops the HTTP server, the pollers, the scheduler, then the services (and dynalite's node process). */
    @Override
    public void close() {
        stopAll(running);
    }

    /** Newest first; safe to call twice (from a shutdown hook and a finally block, say). */
    private static void stopAll(Deque<AutoCloseable> components) {
        synchronized (components) {
            while (!components.isEmpty()) {
                AutoCloseable component = components.pop();
                try {
                    component.close();
                } catch (Exception e) {
                    LOG.warn("could not stop {}", component, e);
                }
            }
        }
    }

    public static final class Builder {

        private FunctionCatalog catalog;
        private Integer port;
        private Path dataDir;
        private String region = "us-east-1";
        private boolean bootstrap = true;
        private final Map<String, String> extraEnvironment = new LinkedHashMap<>();
        private final List<InvocationListener> invocationListeners = new ArrayList<>();
        private int sqsConcurrency = DEFAULT_SQS_CONCURRENCY;

        private Builder() {
        }

        /** Told of every function invocation once it ended (the sending benchmark meters Lambda cost this way). */
        public Builder invocationListener(InvocationListener listener) {
            invocationListeners.add(Objects.requireNonNull(listener));
            return this;
        }

        /**
         * How many batches each SQS-triggered function may work on at once (default {@value #DEFAULT_SQS_CONCURRENCY},
         * where Lambda starts); 1 handles each queue's batches one after another.
         */
        public Builder sqsConcurrency(int concurrency) {
            if (concurrency < 1) {
                throw new IllegalArgumentException("sqsConcurrency must be at least 1, not " + concurrency);
            }
            this.sqsConcurrency = concurrency;
            return this;
        }

        /** Defaults to the catalog on the class path. */
        public Builder catalog(FunctionCatalog catalog) {
            this.catalog = Objects.requireNonNull(catalog);
            return this;
        }

        /** 0 picks a free port. Defaults to {@code PM_PORT}, else {@value #DEFAULT_PORT}. */
        public Builder port(int port) {
            this.port = port;
            return this;
        }

        /**
         * Where data persists between runs: DynamoDB tables, SQS queues and their messages, the local zone file, and
         * the keys and bootstrap workspace ({@code bootstrap.json}, reused by the next start); in memory if not set.
         */
        public Builder dataDir(Path dataDir) {
            this.dataDir = dataDir;
            return this;
        }

        public Builder region(String region) {
            this.region = Objects.requireNonNull(region);
            return this;
        }

        /** Whether to create a workspace and owner API key after start (default on). */
        public Builder bootstrap(boolean bootstrap) {
            this.bootstrap = bootstrap;
            return this;
        }

        /** Added to every function's environment, overriding catalog values. */
        public Builder extraEnvironment(Map<String, String> environment) {
            extraEnvironment.putAll(environment);
            return this;
        }

        /** Starts everything and returns once the API answers (and, with bootstrap, a workspace exists). */
        public LocalPlatform start() {
            FunctionCatalog functionCatalog = catalog != null ? catalog : FunctionCatalog.load();
            Deque<AutoCloseable> running = new ArrayDeque<>();
            try {
                return start(functionCatalog, running);
            } catch (RuntimeException e) {
                stopAll(running);
                throw e;
            }
        }

        private LocalPlatform start(FunctionCatalog functionCatalog, Deque<AutoCloseable> running) {
            nameTheMailStreamProvider();
            MovableClock clock = new MovableClock();
            if (!clock.offset().isZero()) {
                LOG.info("platform clock starts at {} ({} from the machine's clock; {})", clock.instant(), clock.offset(),
                        ClockStart.ENVIRONMENT);
            }
            LocalSecrets secrets = LocalSecrets.load(dataDir);
            OperatorKey operatorKey = secrets.operatorKey();
            LocalServices services = LocalServices.start(System.getenv(), dataDir, region, clock);
            running.push(services);

            CompletableFuture<Void> tables = CompletableFuture.runAsync(
                    () -> new TableProvisioner(services.dynamoDb()).createAll(functionCatalog.tables()));
            Map<String, QueueProvisioner.LocalQueue> queues = new QueueProvisioner(services.sqs())
                    .createAll(functionCatalog.queues());
            join(tables);

            Map<String, String> queueUrls = new LinkedHashMap<>();
            queues.forEach((name, queue) -> queueUrls.put(name, queue.url()));
            String eventTopicArn = new EventTopicProvisioner(services.sns())
                    .createWithSubscriptions(functionCatalog.subscriptions(), queues);
            // The port is settled before the functions start, because the tracking links they write must name it.
            int httpPort = port == null ? defaultPort() : port == 0 ? freePort() : port;
            LocalDns dns = new LocalDns(LocalDns.defaultZoneFile(dataDir), services.dynamoDb(),
                    LocalResourceNames.physicalName("domains"));
            Map<String, String> environment = new LinkedHashMap<>(sendingEnvironment(httpPort, services, dns, secrets));
            environment.putAll(extraEnvironment);
            LocalFunctions functions = new LocalFunctions(functionCatalog, new LocalResourceNames(queueUrls, eventTopicArn),
                    environment, services.publisherEnvironment(), operatorKey.sha256Hex(), services::dynamoDb, services::sqs, clock, region,
                    invocationListener(List.copyOf(invocationListeners)));
            running.push(functions);

            Scheduler scheduler = new Scheduler(functions.scheduled(), clock, region);
            scheduler.start();
            running.push(scheduler);
            Map<String, SqsPoller> pollers = new LinkedHashMap<>();
            for (LocalFunction function : functions.sqsTriggered()) {
                SqsPoller poller = new SqsPoller(function, queues.get(function.spec().trigger().sqs().queue()),
                        services.sqs(), region, sqsConcurrency);
                poller.start();
                running.push(poller);
                pollers.put(function.spec().trigger().sqs().queue(), poller);
            }

            LocalRoutes localRoutes = new LocalRoutes();
            new LocalControlEndpoints(clock, scheduler, queues, services.sqs(), services.mailSink()).register(localRoutes);
            new LocalListings(queues, functions.sqsTriggered(), scheduler, services.sqs()).register(localRoutes);
            dns.register(localRoutes);
            HttpGateway gateway = new HttpGateway(functionCatalog, functions, localRoutes, new ApiGatewayEvents(region),
                    clock);
            gateway.start(httpPort);
            running.push(gateway);
            LOG.info("{} functions, {} routes, {} queues, {} schedules; API on http://127.0.0.1:{}",
                    functionCatalog.functions().size(), functionCatalog.routes().size(), queues.size(),
                    functions.scheduled().size(), gateway.port());

            Bootstrap.Result bootstrapped = bootstrap ? bootstrap(URI.create("http://127.0.0.1:" + gateway.port()), secrets) : null;
            return new LocalPlatform(services, queues, clock, operatorKey, gateway.port(), bootstrapped,
                    secrets.file().orElse(null), pollers, running, eventTopicArn);
        }

        /**
         * Jakarta Mail looks up its StreamProvider for every MIME part it reads or writes, through a ServiceLoader
         * that scans every jar on the class path: cheap in a function's one jar, but a visible share of the sending
         * pipeline's CPU on the local platform's class path of a hundred and more. Named as a system property, it is
         * instantiated directly. Only when Angus Mail is there and nobody chose another.
         */
        private static void nameTheMailStreamProvider() {
            String property = "jakarta.mail.util.StreamProvider";
            String angus = "org.eclipse.angus.mail.util.MailStreamProvider";
            if (System.getProperty(property) != null) {
                return;
            }
            try {
                Class.forName(angus, false, LocalPlatform.class.getClassLoader());
                System.setProperty(property, angus);
            } catch (ClassNotFoundException e) {
                // No mail library on this class path: nothing looks a provider up.
            }
        }

        /** One listener for the functions: each of the builder's in turn, none of them able to fail an invocation. */
        private static InvocationListener invocationListener(List<InvocationListener> listeners) {
            return invocation -> {
                for (InvocationListener listener : listeners) {
                    try {
                        listener.invoked(invocation);
                    } catch (RuntimeException e) {
                        LOG.warn("an invocation listener failed on {}", invocation, e);
                    }
                }
            };
        }

        /** The workspace an earlier start with this data directory made, while its key works; otherwise a new one. */
        private static Bootstrap.Result bootstrap(URI api, LocalSecrets secrets) {
            Optional<Bootstrap.Result> kept = secrets.bootstrap();
            if (kept.isPresent() && Bootstrap.stillWorks(api, kept.get())) {
                LOG.info("bootstrap: reusing workspace {}, kept in {}", kept.get().workspaceId(), secrets.file().orElseThrow());
                return kept.get();
            }
            if (kept.isPresent()) {
                LOG.warn("bootstrap: the owner key of workspace {} kept in {} no longer works (revoked, or the data was"
                        + " removed); creating another workspace", kept.get().workspaceId(), secrets.file().orElseThrow());
            }
            Bootstrap.Result created = Bootstrap.createWorkspace(api, secrets.operatorKey());
            secrets.rememberBootstrap(created);
            LOG.info("bootstrap: created workspace {}{}", created.workspaceId(),
                    secrets.file().map(file -> ", kept in " + file).orElse(""));
            return created;
        }

        /**
         * What the sending functions need on this machine: mail goes to the SMTP sink, SES's delivery events are
         * simulated, tracking links point here, DNS answers come from the local zone file, mailboxes' SMTP and IMAP
         * go to the sink (implicit TLS to its TLS listener) and their passwords are encrypted with a local key.
         */
        private static Map<String, String> sendingEnvironment(int httpPort, LocalServices services, LocalDns dns,
                                                              LocalSecrets secrets) {
            Map<String, String> env = new LinkedHashMap<>();
            env.put("PM_SMTP_HOST", "127.0.0.1");
            env.put("PM_SMTP_PORT", Integer.toString(services.mailSink().smtpPort()));
            env.put("PM_SIMULATE_SES_EVENTS", "true");
            env.put("PM_TRACKING_BASE_URL", "http://127.0.0.1:" + httpPort);
            env.put("PM_TRACKING_SECRET", secrets.trackingSecret());
            env.put("PM_DNS_ZONE_FILE", dns.zoneFile().toString());
            // Mailboxes: passwords under a local AES-256-GCM key (PM_LOCAL_SECRET_KEY if set; otherwise new each start, or
            // kept in the data directory), and their SMTP/IMAP go to the sink.
            String secretKey = System.getenv("PM_LOCAL_SECRET_KEY");
            env.put("PM_LOCAL_SECRET_KEY", secretKey != null && !secretKey.isBlank() ? secretKey : secrets.mailboxPasswordKey());
            env.put("PM_IMAP_HOST_OVERRIDE", "127.0.0.1");
            env.put("PM_IMAP_PORT_OVERRIDE", Integer.toString(services.mailSink().imapPort()));
            env.put("PM_MAILBOX_SMTP_HOST_OVERRIDE", "127.0.0.1");
            env.put("PM_MAILBOX_SMTP_PORT_OVERRIDE", Integer.toString(services.mailSink().smtpPort()));
            // Implicit TLS (tls: implicit) goes to the sink's TLS listener, trusting only the sink's certificate.
            env.put("PM_MAILBOX_SMTPS_HOST_OVERRIDE", MailSink.TLS_HOST);
            env.put("PM_MAILBOX_SMTPS_PORT_OVERRIDE", Integer.toString(services.mailSink().smtpsPort()));
            env.put("PM_MAILBOX_SMTPS_CERTIFICATE_OVERRIDE", services.mailSink().certificatePem());
            return env;
        }

        private static int freePort() {
            try (java.net.ServerSocket socket = new java.net.ServerSocket(0, 0, java.net.InetAddress.getLoopbackAddress())) {
                return socket.getLocalPort();
            } catch (java.io.IOException e) {
                throw new java.io.UncheckedIOException("no free port", e);
            }
        }

        private static int defaultPort() {
            String configured = System.getenv("PM_PORT");
            if (configured == null || configured.isBlank()) {
                return DEFAULT_PORT;
            }
            try {
                return Integer.parseInt(configured.trim());
            } catch (NumberFormatException e) {
                throw new IllegalArgumentException("PM_PORT must be a port number, not " + configured, e);
            }
        }

        private static void join(CompletableFuture<?> future) {
            try {
                future.join();
            } catch (CompletionException e) {
                throw e.getCause() instanceof RuntimeException cause ? cause : e;
            }
        }
    }
}
