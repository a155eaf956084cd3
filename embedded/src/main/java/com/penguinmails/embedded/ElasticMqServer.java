package com.penguinmails.embedded;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Objects;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicBoolean;
import org.apache.pekko.actor.ActorRef;
import org.apache.pekko.actor.ActorSystem;
import org.apache.pekko.actor.Props;
import org.apache.pekko.pattern.Patterns;
import org.elasticmq.actor.QueueManagerActor;
import org.elasticmq.actor.queue.QueueEvent;
import org.elasticmq.persistence.sql.SqlQueuePersistenceActor;
import org.elasticmq.persistence.sql.SqlQueuePersistenceConfig;
import org.elasticmq.rest.sqs.SQSRestServer;
import org.elasticmq.rest.sqs.SQSRestServerBuilder;
import org.elasticmq.rest.sqs.TheSQSRestServerBuilder;
import org.elasticmq.util.NowProvider;
import scalikejdbc.ConnectionPool$;
import scalikejdbc.ConnectionPoolSettings;

/**
 * ElasticMQ, an SQS-compatible server (JSON and query protocols, dead-letter redrive, FIFO queues), running inside
 * this JVM on 127.0.0.1. It logs through slf4j with Pekko set to DEBUG, so the slf4j backend's levels for
 * {@code org.apache.pekko} and {@code org.elasticmq} decide how chatty it is.
 *
 * <p>Given a directory, it keeps queues and their messages there (ElasticMQ's own SQL persistence, in an H2 file
 * database): every send, receive and delete is written before SQS answers, and the next start restores them. ElasticMQ
 * reaches that database through scalikejdbc's JVM-wide default connection pool, so at most one server with a
 * directory can run in a JVM at a time (one after the other is fine: that is a restart).
 */
public final class ElasticMqServer implements AutoCloseable {

    private static final Duration RESTORE_TIMEOUT = Duration.ofSeconds(60);
    /** Whether a server with a directory runs in this JVM; see the class comment. */
    private static final AtomicBoolean PERSISTENT_RUNNING = new AtomicBoolean();

    private final SQSRestServer server;
    private final URI endpoint;
    /** The actor system this class made for a persistent server; null when ElasticMQ made its own. */
    private final ActorSystem persistentActorSystem;
    private final AtomicBoolean closed = new AtomicBoolean();

    private ElasticMqServer(SQSRestServer server, URI endpoint, ActorSystem persistentActorSystem) {
        this.server = server;
        this.endpoint = endpoint;
        this.persistentActorSystem = persistentActorSystem;
    }

    /**
     * Starts ElasticMQ in memory and blocks until it listens.
     *
     * @param port   the port to listen on; 0 picks a free one
     * @param region the region that appears in queue ARNs
     */
    public static ElasticMqServer start(int port, String region) {
        return start(port, region, null);
    }

    /**
     * Starts ElasticMQ and blocks until it listens; with a directory, only after the queues and messages kept there
     * are back.
     *
     * @param port    the port to listen on; 0 picks a free one
     * @param region  the region that appears in queue ARNs
     * @param dataDir where queues and messages persist across restarts (created if missing); {@code null} keeps them
     *                in memory
     */
    public static ElasticMqServer start(int port, String region, Path dataDir) {
        Objects.requireNonNull(region, "region");
        // Resolved here rather than bound as port 0, because ElasticMQ fills in the port of the queue URLs it hands
        // out asynchronously after binding, so the first queues could get URLs with port 0.
        int actualPort = FreePorts.resolve(port);
        TheSQSRestServerBuilder builder = SQSRestServerBuilder
                .withInterface(FreePorts.LOOPBACK)
                .withPort(actualPort)
                .withAWSRegion(region);
        ActorSystem actorSystem = null;
        if (dataDir != null) {
            if (!PERSISTENT_RUNNING.compareAndSet(false, true)) {
                throw new IllegalStateException("another ElasticMQ with a data directory runs in this JVM; stop it first");
            }
            try {
                actorSystem = ActorSystem.create("elasticmq");
                builder = restored(builder, actorSystem, dataDir);
            } catch (RuntimeException e) {
                stopPersistence(actorSystem);
                throw e;
            }
        }
        SQSRestServer server = builder.start();
        try {
            server.waitUntilStarted();
        } catch (Exception e) { // Scala rethrows the bind failure, a checked exception javac cannot see
            server.stopAndWait();
            stopPersistence(actorSystem);
            throw new IllegalStateException("ElasticMQ cannot listen on " + FreePorts.LOOPBACK + ":" + actualPort, e);
        }
        return new ElasticMqServer(server, URI.create("http://" + FreePorts.LOOPBACK + ":" + actualPort), actorSystem);
    }

    /**
     * Wires ElasticMQ's SQL persistence as its standalone server does: a store actor that hears every queue and
     * message event, restored into the queue manager before the server takes requests.
     */
    private static TheSQSRestServerBuilder restored(TheSQSRestServerBuilder builder, ActorSystem actorSystem, Path dataDir) {
        String uri;
        try {
            uri = "jdbc:h2:file:" + Files.createDirectories(dataDir).toAbsolutePath().resolve("elasticmq");
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot create ElasticMQ's data directory " + dataDir, e);
        }
        // ElasticMQ sets scalikejdbc's default pool only the first time in a JVM; set it for this directory each time.
        ConnectionPoolSettings settings = ConnectionPool$.MODULE$.singleton$default$4();
        ConnectionPool$.MODULE$.singleton(uri, "", "", settings, ConnectionPool$.MODULE$.singleton$default$5(uri, "", "", settings));
        SqlQueuePersistenceConfig config = new SqlQueuePersistenceConfig(true, "org.h2.Driver", uri, "", "", false);
        ActorRef store = actorSystem.actorOf(Props.create(SqlQueuePersistenceActor.class,
                () -> new SqlQueuePersistenceActor(config, scala.collection.immutable.List$.MODULE$.empty())));
        ActorRef queueManager = actorSystem.actorOf(Props.create(QueueManagerActor.class,
                () -> new QueueManagerActor(new NowProvider(), builder.sqsLimits(), scala.Option.apply(store))));
        Object result;
        try {
            result = Patterns.ask(store, new QueueEvent.Restore(queueManager), RESTORE_TIMEOUT).toCompletableFuture()
                    .get(RESTORE_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while ElasticMQ restored " + dataDir, e);
        } catch (ExecutionException | TimeoutException e) {
            throw new IllegalStateException("ElasticMQ could not restore the queues kept in " + dataDir, e);
        }
        if (result instanceof scala.util.Left<?, ?> errors) {
            throw new IllegalStateException("ElasticMQ could not restore the queues kept in " + dataDir + ": " + errors.value());
        }
        return builder.withActorSystem(actorSystem).withQueueManagerActor(queueManager).withQueueEventListener(store);
    }

    /** Stops the actor system this class made and closes the database, so the next start can open it. */
    private static void stopPersistence(ActorSystem actorSystem) {
        if (actorSystem == null) {
            return;
        }
        try {
            actorSystem.terminate();
            actorSystem.getWhenTerminated().toCompletableFuture().get(1, TimeUnit.MINUTES);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (ExecutionException | TimeoutException e) {
            // Closing the database below still releases its file.
        } finally {
            ConnectionPool$.MODULE$.close(ConnectionPool$.MODULE$.DEFAULT_NAME());
            PERSISTENT_RUNNING.set(false);
        }
    }

    /** {@code http://127.0.0.1:PORT}, for {@code endpointOverride}; queue URLs share this host and port. */
    public URI endpoint() {
        return endpoint;
    }

    /** Stops the server and its actor system (and, with a directory, closes its database). Idempotent. */
    @Override
    public void close() {
        if (closed.compareAndSet(false, true)) {
            try {
                server.stopAndWait();
            } finally {
                stopPersistence(persistentActorSystem);
            }
        }
    }
}
