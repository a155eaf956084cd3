package com.penguinmails.local;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.penguinmails.catalog.FunctionCatalog;
import com.penguinmails.catalog.FunctionJar;
import com.penguinmails.catalog.FunctionSpec;
import com.penguinmails.catalog.JarSpec;
import com.penguinmails.catalog.ResourceNames;
import com.penguinmails.catalog.StackSecret;
import com.penguinmails.core.CoreWiring;
import com.penguinmails.core.platform.AwsClients;
import com.penguinmails.embedded.ElasticMqServer;
import com.penguinmails.embedded.SnsStandIn;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.spi.ToolProvider;
import java.util.zip.ZipFile;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awssdk.services.sqs.SqsClient;

/**
 * The shaded jars the functions are deployed with (functions/target, built by the functions module before this
 * module's tests run). Every test here reads the packaged jars, not the Maven class path the other tests use.
 *
 * <p>The api jar leaves libraries out, and the function jars leave out parts of libraries, to keep cold starts short.
 * The static check below makes that safe: from each function's handler it follows every class reference (jdeps)
 * through its jar, and fails if it can reach a class the packaging left out (one that exists on this class path but
 * not in the jar), unless {@link #NEVER_RUN} names it with the reason no request can get there.
 */
class PackagedJarsTest {

    /** The repository root: the catalog's jar paths are relative to it. */
    private static final Path ROOT = Path.of("..");
    private static final FunctionJar API = new FunctionJar("api");
    private static final FunctionCatalog CATALOG = FunctionCatalog.load();
    private static final Pattern EDGE = Pattern.compile("^\\s+(\\S+)\\s+->\\s+(\\S+)\\s+(.+)$");

    /**
     * Left-out classes a handler can reach in library byte code but never runs, each with the reason (prefixes of
     * class names). Our own code may reference none of them: that check has no exceptions.
     */
    private static final Map<String, String> NEVER_RUN = Map.ofEntries(
            Map.entry("software.amazon.awssdk.services.dynamodb.model.", "DynamoDB operations that neither our code "
                    + "nor the enhanced client calls (the pom lists them); only the client's own methods for them refer to them"),
            Map.entry("software.amazon.awssdk.services.dynamodb.transform.", "the marshallers of those operations"),
            Map.entry("software.amazon.awssdk.services.dynamodb.paginators.", "async publishers, and paginators of "
                    + "left-out operations; the functions use the synchronous client"),
            Map.entry("software.amazon.awssdk.services.dynamodb.DynamoDbAsyncClient", "the enhanced client's async "
                    + "paths; the functions use the synchronous client"),
            Map.entry("software.amazon.awssdk.services.dynamodb.waiters.", "DynamoDbClient.waiter(), which no function calls"),
            Map.entry("software.amazon.awssdk.services.sqs.model.", "SQS operations other than sending (the pom lists "
                    + "them); Lambda's event source mapping receives and deletes for the functions"),
            Map.entry("software.amazon.awssdk.services.sqs.transform.", "the marshallers of those operations"),
            Map.entry("software.amazon.awssdk.services.sqs.paginators.", "paginators of those operations"),
            Map.entry("software.amazon.awssdk.services.sns.model.", "SNS operations other than Publish and PublishBatch "
                    + "(the pom lists them); CDK makes the topic and its subscriptions"),
            Map.entry("software.amazon.awssdk.services.sns.transform.", "the marshallers of those operations"),
            Map.entry("software.amazon.awssdk.services.sns.paginators.", "paginators of those operations"),
            Map.entry("io.burt.jmespath.", "PowertoolsLogging uses JMESPath only for a correlation-id path, which "
                    + "Observability never passes"),
            Map.entry("com.fasterxml.jackson.datatype.joda.", "the same Powertools path (its JsonConfig registers the "
                    + "Joda module)"));

    /**
     * Followed from every function as well as its handler: the catalog may make any function a publisher of platform
     * events ({@code events: publish}), and the handler reaches the SNS client through this.
     */
    private static final String PUBLISHING = "com.penguinmails.core.CoreWiring";

    private static final Map<FunctionJar, Map<String, Set<String>>> REFERENCES = new HashMap<>();
    private static final Map<FunctionJar, Set<String>> MISSING = new HashMap<>();

    private static List<FunctionJar> jars() {
        return CATALOG.jars().stream().map(JarSpec::name).toList();
    }

    private static Path path(FunctionJar jar) {
        return ROOT.resolve(CATALOG.jar(jar).path());
    }

    @BeforeAll
    static void analyseJars() throws IOException {
        for (FunctionJar jar : jars()) {
            Path file = path(jar);
            assertThat(file).as("%s; its module (the catalog's jars:) builds it", file).isRegularFile();
            Map<String, Set<String>> references = new HashMap<>();
            Set<String> missing = new HashSet<>();
            for (String line : jdeps("-verbose:class", "-filter:none", file.toString()).split("\n")) {
                Matcher edge = EDGE.matcher(line);
                if (edge.matches()) {
                    references.computeIfAbsent(edge.group(1), c -> new HashSet<>()).add(edge.group(2));
                    if (edge.group(3).trim().equals("not found")) {
                        missing.add(edge.group(2));
                    }
                }
            }
            REFERENCES.put(jar, references);
            MISSING.put(jar, missing);
        }
    }

    @Test
    void eachJarHoldsTheHandlerOfEveryFunctionDeployedWithIt() throws IOException {
        for (FunctionJar jar : jars()) {
            try (ZipFile zip = new ZipFile(path(jar).toFile())) {
                for (FunctionSpec function : CATALOG.functions()) {
                    if (function.jar().equals(jar)) {
                        assertThat(zip.getEntry(function.handler().replace('.', '/') + ".class"))
                                .as("%s in %s", function.handler(), jar.fileName()).isNotNull();
                    }
                }
            }
        }
    }

    @Test
    void theApiJarHasNoSesKmsOrMailLibrariesAndIsSmallerThan15Mb() throws IOException {
        Path api = path(API);
        try (ZipFile zip = new ZipFile(api.toFile())) {
            List<String> mailLibraries = zip.stream().map(e -> e.getName())
                    .filter(n -> n.startsWith("software/amazon/awssdk/services/sesv2/") || n.startsWith("software/amazon/awssdk/services/kms/")
                            || n.startsWith("jakarta/mail/") || n.startsWith("org/eclipse/angus/"))
                    .limit(5).toList();
            assertThat(mailLibraries).isEmpty();
        }
        assertThat(Files.size(api)).as("size of %s in bytes", api).isLessThanOrEqualTo(15_000_000L);
    }

    @Test
    void noFunctionCanReachAClassItsJarLeftOut() {
        List<String> problems = new ArrayList<>();
        for (FunctionSpec function : CATALOG.functions()) {
            Map<String, String> reachedFrom = reachable(function.jar(), function.handler(), PUBLISHING);
            for (String from : new TreeSet<>(reachedFrom.keySet())) {
                for (String to : REFERENCES.get(function.jar()).getOrDefault(from, Set.of())) {
                    if (!MISSING.get(function.jar()).contains(to) || !leftOutByPackaging(to)) {
                        continue;
                    }
                    if (from.startsWith("com.penguinmails.")) {
                        problems.add(function.name() + ": our " + from + " uses " + to + ", which "
                                + function.jar().fileName() + " leaves out (see functions/pom.xml)");
                    } else if (neverRunReason(to) == null) {
                        problems.add(function.name() + " (" + function.jar().fileName() + ") reaches " + to + " via "
                                + chain(reachedFrom, from) + " -> " + to.substring(to.lastIndexOf('.') + 1));
                    }
                }
            }
        }
        assertThat(problems).as("classes a function can reach but its jar left out").isEmpty();
    }

    @Test
    void everyNeverRunExceptionIsStillNeeded() {
        // An entry nothing reaches any more would hide the next real problem under the same prefix.
        Set<String> used = new HashSet<>();
        for (FunctionSpec function : CATALOG.functions()) {
            reachable(function.jar(), function.handler(), PUBLISHING).keySet().stream()
                    .filter(c -> MISSING.get(function.jar()).contains(c) && leftOutByPackaging(c))
                    .map(PackagedJarsTest::neverRunPrefix).filter(p -> p != null).forEach(used::add);
        }
        assertThat(used).containsExactlyInAnyOrderElementsOf(NEVER_RUN.keySet());
    }

    @Test
    void aJvmWithOnlyTheApiJarLogsPowertoolsJsonAndConstructsEveryApiFunction(@TempDir Path dir) throws Exception {
        // A JVM with only the jar on its class path, as in Lambda: its log4j sees only the jar's trimmed plugin index
        // and configuration. (An isolated class loader in this JVM would not do: log4j also asks the system class
        // loader.)
        Path check = dir.resolve("JarCheck.java");
        Files.writeString(check, """
                import com.penguinmails.core.platform.AwsClients;
                import com.penguinmails.core.platform.Platform;
                import java.io.FileReader;
                import java.net.URI;
                import java.time.Clock;
                import java.util.HashMap;
                import java.util.Map;
                import java.util.Properties;

                public class JarCheck {
                    public static void main(String[] args) throws Exception {
                        org.slf4j.Logger log = org.slf4j.LoggerFactory.getLogger("com.penguinmails.packaging");
                        log.info("logged from the packaged api jar");
                        log.warn("an error with its stack trace", new IllegalStateException("on purpose"));
                        // Constructing each handler loads, verifies and wires what it needs: the jar leaves parts of
                        // libraries out. Nothing here talks to a server (port 9 would refuse).
                        for (String file : args) {
                            Properties function = new Properties();
                            try (FileReader in = new FileReader(file)) {
                                function.load(in);
                            }
                            String handler = (String) function.remove("handler");
                            Map<String, String> environment = new HashMap<>();
                            function.forEach((k, v) -> environment.put((String) k, (String) v));
                            URI nowhere = URI.create("http://127.0.0.1:9");
                            Platform platform = Platform.create(environment, AwsClients.dynamoDb(nowhere, "eu-west-1"),
                                    AwsClients.sqs(nowhere, "eu-west-1"), Clock.systemUTC());
                            Class.forName(handler).getConstructor(Platform.class).newInstance(platform);
                            log.info("constructed " + handler);
                        }
                    }
                }
                """);
        List<String> command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-cp", path(API).toAbsolutePath().toString(), check.toString()));
        List<FunctionSpec> apiFunctions = CATALOG.functions().stream().filter(f -> f.jar().equals(API)).toList();
        for (FunctionSpec function : apiFunctions) {
            java.util.Properties properties = new java.util.Properties();
            properties.putAll(function.environment(new PlaceholderNames()));
            // What the stack gives besides the catalog's variables: the tracking secret only where the catalog names it.
            properties.put("PM_TRACKING_BASE_URL", "https://track.example.com");
            if (function.secrets().contains(StackSecret.TRACKING)) {
                properties.put(StackSecret.TRACKING.variable(), "a-placeholder-secret-of-at-least-32-characters");
            }
            properties.put("handler", function.handler());
            Path file = dir.resolve(function.name() + ".properties");
            try (java.io.Writer out = Files.newBufferedWriter(file)) {
                properties.store(out, null);
            }
            command.add(file.toString());
        }
        Path stdout = dir.resolve("stdout");
        Path stderr = dir.resolve("stderr");
        Process java = new ProcessBuilder(command).redirectOutput(stdout.toFile()).redirectError(stderr.toFile()).start();
        assertThat(java.waitFor(60, TimeUnit.SECONDS)).as("the check JVM finished").isTrue();
        assertThat(java.exitValue()).as("exit code; stderr: %s", Files.readString(stderr)).isZero();
        assertThat(Files.readString(stderr)).as("log4j's status output").doesNotContain("ERROR").doesNotContain("WARN");
        String line = Files.readAllLines(stdout).stream().filter(l -> l.contains("logged from the packaged api jar"))
                .findFirst().orElseThrow(() -> new AssertionError("no log line on stdout: " + readQuietly(stdout)));
        JsonNode json = new ObjectMapper().readTree(line);
        assertThat(json.path("level").asText()).isEqualTo("INFO");
        assertThat(json.path("message").asText()).isEqualTo("logged from the packaged api jar");
        assertThat(json.has("timestamp")).isTrue();
        JsonNode warning = new ObjectMapper().readTree(Files.readAllLines(stdout).stream()
                .filter(l -> l.contains("an error with its stack trace")).findFirst().orElseThrow());
        assertThat(warning.path("error").path("name").asText()).isEqualTo("java.lang.IllegalStateException");
        assertThat(warning.path("error").path("stack").asText()).contains("JarCheck.main");
        for (FunctionSpec function : apiFunctions) {
            assertThat(Files.readString(stdout)).contains("constructed " + function.handler());
        }
    }

    @Test
    void aJvmWithOnlyTheApiJarPublishesPlatformEventsThroughItsTrimmedSnsClient(@TempDir Path dir) throws Exception {
        // The api jar keeps only SNS's Publish and PublishBatch (functions/pom.xml): publishing from a JVM that has
        // nothing else shows the client loads, verifies and marshals with what is left.
        try (ElasticMqServer elasticMq = ElasticMqServer.start(0, "us-east-1");
             SqsClient sqs = AwsClients.sqs(elasticMq.endpoint(), "us-east-1");
             SnsStandIn sns = SnsStandIn.start(0, "us-east-1", sqs, java.time.Clock.systemUTC())) {
            String topicArn = sns.createTopic("pm-check-events");
            String queueUrl = sqs.createQueue(c -> c.queueName("pm-check-consumer")).queueUrl();
            sns.subscribe(topicArn, queueUrl, "{\"type\":[\"api-key.revoked\"]}");
            Path check = dir.resolve("PublishCheck.java");
            Files.writeString(check, """
                    import com.penguinmails.core.platform.AwsClients;
                    import com.penguinmails.core.platform.Platform;
                    import com.penguinmails.core.events.EventType;
                    import com.penguinmails.core.events.PlatformEvent;
                    import com.penguinmails.core.CoreWiring;
                    import com.penguinmails.core.events.PlatformEvents;
                    import java.net.URI;
                    import java.time.Instant;
                    import java.time.Clock;
                    import java.util.List;
                    import java.util.Map;

                    public class PublishCheck {
                        public static void main(String[] args) {
                            URI nowhere = URI.create("http://127.0.0.1:9");
                            Platform platform = Platform.create(Map.of("PM_EVENT_TOPIC_ARN", args[0],
                                    "AWS_ENDPOINT_URL_SNS", args[1], "AWS_REGION", "us-east-1"),
                                    AwsClients.dynamoDb(nowhere, "us-east-1"), AwsClients.sqs(nowhere, "us-east-1"), Clock.systemUTC());
                            PlatformEvent event = PlatformEvent.builder(EventType.API_KEY_REVOKED).id("check-1")
                                    .source("/penguinmails/check").time(Instant.parse("2030-01-01T00:00:00Z"))
                                    .workspaceId("ws_check").subject("key_check")
                                    .data(platform.json().createObjectNode().put("keyId", "key_check")).build();
                            CoreWiring.eventTopicPublisher(platform).publish(List.of(event));
                            CoreWiring.eventTopicPublisher(platform).publish(event);
                        }
                    }
                    """);
            Path stderr = dir.resolve("stderr");
            Process java = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(), "-cp",
                    path(API).toAbsolutePath().toString(), check.toString(), topicArn,
                    sns.endpoint().toString()).redirectOutput(dir.resolve("stdout").toFile()).redirectError(stderr.toFile()).start();
            assertThat(java.waitFor(60, TimeUnit.SECONDS)).as("the check JVM finished").isTrue();
            assertThat(java.exitValue()).as("exit code; stderr: %s", Files.readString(stderr)).isZero();

            List<String> bodies = sqs.receiveMessage(r -> r.queueUrl(queueUrl).maxNumberOfMessages(10)).messages().stream()
                    .map(software.amazon.awssdk.services.sqs.model.Message::body).toList();
            assertThat(bodies).hasSize(2).allSatisfy(body -> assertThat(new ObjectMapper().readTree(body).path("id").asText())
                    .isEqualTo("check-1"));
        }
    }

    /** Table and queue names for the check JVM; it never reaches a server. */
    private static final class PlaceholderNames implements ResourceNames {
        @Override
        public String tableName(String table) {
            return "pm-check-" + table;
        }

        @Override
        public String queueUrl(String queue) {
            return "http://127.0.0.1:9/000000000000/pm-check-" + queue;
        }

        @Override
        public String eventTopicArn() {
            return "arn:aws:sns:eu-west-1:000000000000:pm-check-events";
        }
    }

    private static String readQuietly(Path file) {
        try {
            return Files.readString(file);
        } catch (IOException e) {
            return e.toString();
        }
    }

    /** Every class reachable from {@code starts} in the jar, mapped to the class it was first reached from. */
    private static Map<String, String> reachable(FunctionJar jar, String... starts) {
        Map<String, Set<String>> references = REFERENCES.get(jar);
        Map<String, String> reachedFrom = new LinkedHashMap<>();
        for (String start : starts) {
            reachedFrom.put(start, null);
        }
        Deque<String> todo = new ArrayDeque<>(List.of(starts));
        while (!todo.isEmpty()) {
            String current = todo.pop();
            for (String next : references.getOrDefault(current, Set.of())) {
                if (!reachedFrom.containsKey(next)) {
                    reachedFrom.put(next, current);
                    if (references.containsKey(next)) {
                        todo.push(next);
                    }
                }
            }
        }
        return reachedFrom;
    }

    private static String chain(Map<String, String> reachedFrom, String end) {
        List<String> chain = new ArrayList<>();
        for (String c = end; c != null && chain.size() < 8; c = reachedFrom.get(c)) {
            chain.add(0, c.substring(c.lastIndexOf('.') + 1));
        }
        return String.join(" -> ", chain);
    }

    /** A class absent from the jar that exists on this class path: the packaging left it out, not the library. */
    private static boolean leftOutByPackaging(String className) {
        return PackagedJarsTest.class.getClassLoader().getResource(className.replace('.', '/') + ".class") != null;
    }

    private static String neverRunPrefix(String className) {
        return NEVER_RUN.keySet().stream().filter(className::startsWith).findFirst().orElse(null);
    }

    private static String neverRunReason(String className) {
        String prefix = neverRunPrefix(className);
        return prefix == null ? null : NEVER_RUN.get(prefix);
    }

    private static String jdeps(String... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        int exit = ToolProvider.findFirst("jdeps").orElseThrow()
                .run(new PrintWriter(out), new PrintWriter(err), args);
        assertThat(exit).as("jdeps exit code; it said: %s", err).isZero();
        return out.toString();
    }
}
