package com.penguinmails.embedded;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;

/**
 * dynalite, a DynamoDB-compatible server on LevelDB, run as a node child process on 127.0.0.1. Tables become ACTIVE
 * immediately (no CREATING/DELETING/UPDATING delay). The process dies with {@link #close()} or with the JVM.
 */
public final class DynaliteServer implements AutoCloseable {

    private static final int PORT_ATTEMPTS = 3;

    /**
     * Runs cli.js (passed as the first argument, where it expects to be) but exits once stdin reaches end of file,
     * which happens when this JVM dies without running shutdown hooks (kill -9, an IDE's hard stop).
     */
    private static final String EXIT_WITH_JVM =
            "process.stdin.on('end', () => process.exit()).resume(); require(process.argv[1])";
    private static final Duration STARTUP_TIMEOUT = Duration.ofSeconds(30);
    private static final Duration POLL_INTERVAL = Duration.ofMillis(50);

    private final ManagedProcess process;
    private final URI endpoint;

    private DynaliteServer(ManagedProcess process, URI endpoint) {
        this.process = process;
        this.endpoint = endpoint;
    }

    /**
     * Starts dynalite and blocks until it answers {@code ListTables}.
     *
     * @param port    the port to listen on; 0 picks a free one
     * @param dataDir where tables persist across restarts (created if missing); {@code null} keeps them in memory
     * @throws IllegalStateException if node or dynalite cannot be found, or dynalite does not answer within 30 s
     */
    public static DynaliteServer start(int port, Path dataDir) {
        Path cli = DynaliteInstallation.cli();
        for (int attempt = 1; ; attempt++) {
            int actualPort = FreePorts.resolve(port);
            ManagedProcess process = ManagedProcess.start("dynalite", command(cli, actualPort, dataDir), cli.getParent());
            URI endpoint = URI.create("http://" + FreePorts.LOOPBACK + ":" + actualPort);
            DynaliteServer server = new DynaliteServer(process, endpoint);
            try {
                server.awaitReady();
                return server;
            } catch (RuntimeException e) {
                // A free port is only free until someone binds it: another server starting at the same moment can take
                // it between our probe and node's listen. With any port allowed, take another one.
                boolean portTaken = process.output().contains("EADDRINUSE");
                process.close();
                if (port != 0 || attempt == PORT_ATTEMPTS || !portTaken) {
                    throw e;
                }
            }
        }
    }

    /** {@code http://127.0.0.1:PORT}, for {@code endpointOverride}. */
    public URI endpoint() {
        return endpoint;
    }

    /**
     * Freezes dynalite (SIGSTOP) for fault tests: it keeps accepting connections but answers nothing, like a store
     * that stopped answering. Always {@link #resume()} it, or {@link #close()} it.
     */
    public void pause() {
        process.signal("STOP");
    }

    /** Lets a {@link #pause() paused} dynalite run again (SIGCONT); it then answers what it was sent meanwhile. */
    public void resume() {
        process.signal("CONT");
    }

    /** Stops dynalite and waits for it to exit. Idempotent. */
    @Override
    public void close() {
        process.close();
    }

    private static List<String> command(Path cli, int port, Path dataDir) {
        List<String> command = new ArrayList<>(List.of("node", "-e", EXIT_WITH_JVM, cli.toString(),
                "--host", FreePorts.LOOPBACK, "--port", Integer.toString(port),
                "--createTableMs", "0", "--deleteTableMs", "0", "--updateTableMs", "0"));
        if (dataDir != null) {
            try {
                Files.createDirectories(dataDir);
            } catch (IOException e) {
                throw new UncheckedIOException("Cannot create dynalite's data directory " + dataDir, e);
            }
            command.addAll(List.of("--path", dataDir.toAbsolutePath().toString()));
        }
        return command;
    }

    private void awaitReady() {
        long deadline = System.nanoTime() + STARTUP_TIMEOUT.toNanos();
        while (!acceptsConnections()) {
            if (!process.isAlive()) {
                throw new IllegalStateException("dynalite exited while starting on " + endpoint + ".\n"
                        + process.output());
            }
            if (System.nanoTime() > deadline) {
                throw new IllegalStateException("dynalite did not listen on " + endpoint + " within "
                        + STARTUP_TIMEOUT.toSeconds() + " s.\n" + process.output());
            }
            sleep(POLL_INTERVAL);
        }
        try (DynamoDbClient client = LocalAws.dynamoDb(endpoint)) {
            client.listTables();
        } catch (RuntimeException e) {
            throw new IllegalStateException("dynalite on " + endpoint + " does not answer ListTables.\n"
                    + process.output(), e);
        }
    }

    private boolean acceptsConnections() {
        try (Socket socket = new Socket()) {
            socket.connect(new InetSocketAddress(endpoint.getHost(), endpoint.getPort()), 200);
            return true;
        } catch (IOException notYet) {
            return false;
        }
    }

    private static void sleep(Duration duration) {
        try {
            Thread.sleep(duration.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("Interrupted while waiting for dynalite to start", e);
        }
    }
}
