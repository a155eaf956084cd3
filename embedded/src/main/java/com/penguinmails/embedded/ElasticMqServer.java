package com.penguinmails.embedded;

import java.net.URI;
import java.util.Objects;
import java.util.concurrent.atomic.AtomicBoolean;
import org.elasticmq.rest.sqs.SQSRestServer;
import org.elasticmq.rest.sqs.SQSRestServerBuilder;

/**
 * ElasticMQ, an SQS-compatible server (JSON and query protocols, dead-letter redrive, FIFO queues), running inside
 * this JVM on 127.0.0.1. It logs through slf4j with Pekko set to DEBUG, so the slf4j backend's levels for
 * {@code org.apache.pekko} and {@code org.elasticmq} decide how chatty it is.
 */
public final class ElasticMqServer implements AutoCloseable {

    private final SQSRestServer server;
    private final URI endpoint;
    private final AtomicBoolean closed = new AtomicBoolean();

    private ElasticMqServer(SQSRestServer server, URI endpoint) {
        this.server = server;
        this.endpoint = endpoint;
    }

    /**
     * Starts ElasticMQ and blocks until it listens.
     *
     * @param port   the port to listen on; 0 picks a free one
     * @param region the region that appears in queue ARNs
     */
    public static ElasticMqServer start(int port, String region) {
        Objects.requireNonNull(region, "region");
        // Resolved here rather than bound as port 0, because ElasticMQ fills in the port of the queue URLs it hands
        // out asynchronously after binding, so the first queues could get URLs with port 0.
        int actualPort = FreePorts.resolve(port);
        SQSRestServer server = SQSRestServerBuilder
                .withInterface(FreePorts.LOOPBACK)
                .withPort(actualPort)
                .withAWSRegion(region)
                .start();
        try {
            server.waitUntilStarted();
        } catch (Exception e) { // Scala rethrows the bind failure, a checked exception javac cannot see
            server.stopAndWait();
            throw new IllegalStateException("ElasticMQ cannot listen on " + FreePorts.LOOPBACK + ":" + actualPort, e);
        }
        return new ElasticMqServer(server, URI.create("http://" + FreePorts.LOOPBACK + ":" + actualPort));
    }

    /** {@code http://127.0.0.1:PORT}, for {@code endpointOverride}; queue URLs share this host and port. */
    public URI endpoint() {
        return endpoint;
    }

    /** Stops the server and its actor system. Idempotent. */
    @Override
    public void close() {
        if (closed.compareAndSet(false, true)) {
            server.stopAndWait();
        }
    }
}
