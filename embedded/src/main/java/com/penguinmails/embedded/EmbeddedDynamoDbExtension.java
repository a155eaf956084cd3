package com.penguinmails.embedded;

import java.net.URI;
import java.util.concurrent.ThreadLocalRandom;
import org.junit.jupiter.api.extension.BeforeEachCallback;
import org.junit.jupiter.api.extension.ExtensionContext;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;

/**
 * For repository tests: one in-memory dynalite per test JVM, started on first use and stopped when the JVM exits,
 * and a fresh random table-name suffix before each test, so tests sharing that dynalite never see each other's
 * tables. Register it with {@code @RegisterExtension static final EmbeddedDynamoDbExtension DYNAMO = new ...()}
 * and create tables named {@code "emails" + DYNAMO.tableSuffix()}.
 */
public final class EmbeddedDynamoDbExtension implements BeforeEachCallback {

    private static Shared shared;

    private volatile String tableSuffix = newSuffix();

    @Override
    public void beforeEach(ExtensionContext context) {
        shared();
        tableSuffix = newSuffix();
    }

    /** A client for the shared dynalite: region us-east-1, credentials "local"/"local", URL-connection HTTP. */
    public DynamoDbClient client() {
        return shared().client();
    }

    public URI endpoint() {
        return shared().server().endpoint();
    }

    /** Something like {@code "-3f9a0c12be47"}, new before each test. */
    public String tableSuffix() {
        return tableSuffix;
    }

    /** Not a static initializer, so a failed start is reported by each test instead of a NoClassDefFoundError. */
    private static synchronized Shared shared() {
        if (shared == null) {
            // The server's own shutdown hook stops it when the test JVM exits.
            DynaliteServer server = DynaliteServer.start(0, null);
            shared = new Shared(server, LocalAws.dynamoDb(server.endpoint()));
        }
        return shared;
    }

    private static String newSuffix() {
        // 48 random bits: even thousands of tests in one JVM practically never draw the same suffix.
        return String.format("-%012x", ThreadLocalRandom.current().nextLong() & 0xFFFF_FFFF_FFFFL);
    }

    private record Shared(DynaliteServer server, DynamoDbClient client) {
    }
}
