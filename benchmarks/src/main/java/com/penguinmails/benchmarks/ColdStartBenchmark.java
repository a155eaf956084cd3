package com.penguinmails.benchmarks;

import com.fasterxml.jackson.databind.JsonNode;
import com.penguinmails.benchmarks.probe.ColdStartProbe;
import com.penguinmails.catalog.FunctionCatalog;
import com.penguinmails.catalog.FunctionJar;
import com.penguinmails.catalog.ResourceNames;
import com.penguinmails.core.platform.Json;
import com.penguinmails.local.LocalPlatform;
import java.io.IOException;
import java.io.OutputStream;
import java.lang.management.ManagementFactory;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.FileSystem;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.jar.JarEntry;
import java.util.jar.JarOutputStream;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * Cold start of the API function: fresh JVMs that construct ApiKeysHandler the Lambda way (no-arg, Platform from
 * the environment) and serve one GET /v1/api-keys against dynalite, timed from process start to exit, compared
 * with a hello-world JVM in the same run. Also with an AppCDS archive (the local stand-in for SnapStart) and the
 * shaded jar's size.
 */
final class ColdStartBenchmark {

    private static final int RUNS = 7;
    // Hello world takes ~60 ms, so one scheduling hiccup from other work on the machine can double a single run and
    // with it the ratio; a few more of them per round (cheap) steady the denominator.
    private static final int HELLO_PER_RUN = 3;
    /** A line log4j's status logger prints when the probe's logging configuration is broken (then it measures less). */
    private static final Pattern LOG4J_STATUS_PROBLEM = Pattern.compile("(?m)^\\S+ \\S+ (ERROR|WARN) ");
    private static final String FUNCTION = "api-keys-api";
    // Lambda's java17 runtime starts the JVM with these.
    private static final List<String> LAMBDA_JVM_FLAGS = List.of("-XX:+TieredCompilation", "-XX:TieredStopAtLevel=1");

    private final Path builtJar;
    private final Path mailJar;

    ColdStartBenchmark(Path repo) {
        FunctionCatalog catalog = FunctionCatalog.load();
        this.builtJar = repo.resolve(catalog.jar(catalog.function(FUNCTION).jar()).path());
        this.mailJar = repo.resolve(catalog.jar(new FunctionJar("mail")).path());
    }

    void run() throws Exception {
        for (Path jar : List.of(builtJar, mailJar)) {
            if (!Files.isRegularFile(jar)) {
                throw new IllegalStateException(jar + " is missing; build it with: mvn -q -pl functions,functions-mail -am package -DskipTests");
            }
        }
        Path work = Files.createTempDirectory("pm-cold-start-");
        try (LocalPlatform platform = LocalPlatform.builder().port(0).bootstrap(true).start()) {
            // A copy, so a rebuild during the run can neither break the runs nor invalidate the AppCDS archive.
            Path functionsJar = Files.copy(builtJar, work.resolve(builtJar.getFileName()));
            Path probeJar = writeProbeJar(work.resolve("probe.jar"));
            Map<String, String> env = lambdaEnvironment(platform);
            List<String> probeArgs = ownerKeyAsAuthorizerReportsIt(platform);
            Path archive = work.resolve("api.jsa");
            String apiClassPath = functionsJar + ":" + probeJar;

            List<String> hello = command(List.of(), probeJar.toString(), "HelloWorld", List.of());
            List<String> api = command(List.of(), apiClassPath, "ColdStartProbe", probeArgs);
            List<String> logging = command(List.of(), apiClassPath, "LoggingProbe", List.of());
            List<String> primedArgs = new ArrayList<>(probeArgs);
            primedArgs.add("primed");
            List<String> primed = command(List.of(), apiClassPath, "ColdStartProbe", primedArgs);
            List<String> train = command(List.of("-XX:ArchiveClassesAtExit=" + archive), apiClassPath, "ColdStartProbe", probeArgs);
            List<String> apiCds = command(List.of("-XX:SharedArchiveFile=" + archive), apiClassPath, "ColdStartProbe", probeArgs);

            time(train, env, work);
            if (!Files.isRegularFile(archive)) {
                throw new IllegalStateException("the AppCDS training run wrote no archive; see " + work.resolve("run.log"));
            }
            // One discarded run each (file cache, dynalite's first queries), then the measured runs interleaved
            // so that any drift of the machine affects all three alike.
            time(hello, env, work);
            time(api, env, work);
            time(apiCds, env, work);
            time(logging, env, work);
            time(primed, env, work);
            List<Long> helloMs = new ArrayList<>();
            List<Long> primedFirstRequestMs = new ArrayList<>();
            List<Long> loggingMs = new ArrayList<>();
            List<Long> apiMs = new ArrayList<>();
            List<Long> apiCdsMs = new ArrayList<>();
            Map<String, List<Long>> phases = new LinkedHashMap<>();
            for (int i = 0; i < RUNS; i++) {
                for (int h = 0; h < HELLO_PER_RUN; h++) {
                    helloMs.add(time(hello, env, work));
                }
                apiMs.add(time(api, env, work));
                phases(work).forEach((phase, ms) -> phases.computeIfAbsent(phase, p -> new ArrayList<>()).add(ms));
                apiCdsMs.add(time(apiCds, env, work));
                loggingMs.add(time(logging, env, work));
                time(primed, env, work);
                primedFirstRequestMs.add(phases(work).get("first-request"));
            }

            double loadAfter = ManagementFactory.getOperatingSystemMXBean().getSystemLoadAverage();
            long helloMedian = Stats.median(helloMs);
            long apiMedian = Stats.median(apiMs);
            long cdsMedian = Stats.median(apiCdsMs);
            System.out.printf(Locale.ROOT, "cold-start: %s first request %d ms median of %d fresh JVMs (%s); hello world %d ms median of %d (%s); ratio %.1fx (aim at most 6x)%n",
                    FUNCTION, apiMedian, RUNS, range(apiMs), helloMedian, helloMs.size(), range(helloMs), (double) apiMedian / helloMedian);
            System.out.printf(Locale.ROOT, "cold-start: %s with AppCDS archive %d ms median of %d (%s); ratio %.1fx to hello world%n",
                    FUNCTION, cdsMedian, RUNS, range(apiCdsMs), (double) cdsMedian / helloMedian);
            // Other work on the machine only ever adds time, so the fastest run of each is the least disturbed one.
            long helloBest = Stats.percentile(helloMs, 0);
            System.out.printf(Locale.ROOT, "cold-start: fastest runs: %s %d ms, with AppCDS %d ms, hello world %d ms; ratios %.1fx and %.1fx (load average %.1f at the end)%n",
                    FUNCTION, Stats.percentile(apiMs, 0), Stats.percentile(apiCdsMs, 0), helloBest,
                    (double) Stats.percentile(apiMs, 0) / helloBest, (double) Stats.percentile(apiCdsMs, 0) / helloBest, loadAfter);
            long loggingMedian = Stats.median(loggingMs);
            System.out.printf(Locale.ROOT, "cold-start: floor: a JVM that only writes one Powertools JSON log line from the same jar %d ms median of %d (%s); ratio %.1fx to hello world%n",
                    loggingMedian, RUNS, range(loggingMs), (double) loggingMedian / helloMedian);
            System.out.printf(Locale.ROOT, "cold-start: first request after SnapStart priming (what a restored snapshot serves first) %d ms median of %d (%s); unprimed %d ms%n",
                    Stats.median(primedFirstRequestMs), RUNS, range(primedFirstRequestMs), Stats.median(phases.get("first-request")));
            StringBuilder breakdown = new StringBuilder();
            phases.forEach((phase, ms) -> breakdown.append(phase).append(' ').append(Stats.median(ms)).append(" ms, "));
            System.out.printf("cold-start: inside the probe's main() without AppCDS, medians: %sthe rest is JVM start, class path and exit%n", breakdown);
            long bytes = Files.size(functionsJar);
            System.out.printf(Locale.ROOT, "cold-start: %s (%s's jar) %.2f MB (%.2f MiB, %d bytes; aim at most 15 MB); %s %.1f MB%n",
                    functionsJar.getFileName(), FUNCTION, bytes / 1e6, bytes / (1024.0 * 1024.0), bytes,
                    mailJar.getFileName(), Files.size(mailJar) / 1e6);
        } finally {
            deleteRecursively(work);
        }
    }

    private static List<String> command(List<String> extraFlags, String classPath, String probeClass, List<String> args) {
        List<String> command = new ArrayList<>();
        command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        command.addAll(LAMBDA_JVM_FLAGS);
        command.addAll(extraFlags);
        command.addAll(List.of("-cp", classPath, ColdStartProbe.class.getPackageName() + "." + probeClass));
        command.addAll(args);
        return command;
    }

    /** Wall time in ms from spawning the JVM until it has exited; fails on a non-zero exit or an AppCDS warning. */
    private static long time(List<String> command, Map<String, String> env, Path work) throws IOException, InterruptedException {
        Path log = work.resolve("run.log");
        ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(log.toFile());
        // Lambda's environment, not ours: no JAVA_TOOL_OPTIONS, no AWS profile settings leaking in.
        builder.environment().clear();
        builder.environment().putAll(env);
        long start = System.nanoTime();
        Process process = builder.start();
        if (!process.waitFor(2, TimeUnit.MINUTES)) {
            process.destroyForcibly();
            throw new IllegalStateException("did not exit within 2 minutes: " + String.join(" ", command));
        }
        long elapsedMs = (System.nanoTime() - start) / 1_000_000;
        String output = Files.readString(log);
        if (process.exitValue() != 0) {
            throw new IllegalStateException("exit " + process.exitValue() + " from " + String.join(" ", command) + "\n" + output);
        }
        // A class path mismatch makes the JVM ignore the archive with only a warning; that would be a silent lie.
        // (Training runs warn about every class they cannot archive, e.g. Java 5 class files; that is expected.)
        boolean training = command.stream().anyMatch(arg -> arg.startsWith("-XX:ArchiveClassesAtExit"));
        if (!training && output.contains("[warning][cds")) {
            throw new IllegalStateException("AppCDS warning from " + String.join(" ", command) + "\n" + output);
        }
        if (LOG4J_STATUS_PROBLEM.matcher(output).find()) {
            throw new IllegalStateException("log4j reported a configuration problem in " + String.join(" ", command) + "\n" + output);
        }
        return elapsedMs;
    }

    /** The probe's own timings from the last run's output: event, constructor, first-request (ms). */
    private static Map<String, Long> phases(Path work) throws IOException {
        Map<String, Long> phases = new LinkedHashMap<>();
        for (String line : Files.readAllLines(work.resolve("run.log"))) {
            if (line.startsWith("probe-timings ")) {
                for (String pair : line.substring("probe-timings ".length()).split(" ")) {
                    phases.put(pair.substring(0, pair.indexOf('=')), Long.parseLong(pair.substring(pair.indexOf('=') + 1)));
                }
            }
        }
        return phases;
    }

    /** The environment Lambda would give api-keys-api, pointing at this run's dynalite and ElasticMQ. */
    private static Map<String, String> lambdaEnvironment(LocalPlatform platform) {
        ResourceNames names = new ResourceNames() {
            @Override
            public String tableName(String table) {
                return platform.tableName(table);
            }

            @Override
            public String queueUrl(String queue) {
                return platform.queueUrl(queue);
            }

            @Override
            public String eventTopicArn() {
                return platform.eventTopicArn();
            }
        };
        Map<String, String> env = new HashMap<>(FunctionCatalog.load().function(FUNCTION).environment(names));
        // Per service: a single AWS_ENDPOINT_URL would send DynamoDB and SQS calls to the same server.
        env.put("AWS_ENDPOINT_URL_DYNAMODB", endpoint(platform.dynamoDb().serviceClientConfiguration().endpointOverride()));
        env.put("AWS_ENDPOINT_URL_SQS", endpoint(platform.sqs().serviceClientConfiguration().endpointOverride()));
        env.putAll(platform.publisherEnvironment());
        env.put("AWS_REGION", "us-east-1");
        env.put("AWS_ACCESS_KEY_ID", "local");
        env.put("AWS_SECRET_ACCESS_KEY", "local");
        env.put("AWS_LAMBDA_FUNCTION_NAME", FUNCTION);
        env.put("AWS_LAMBDA_FUNCTION_MEMORY_SIZE", "1024");
        env.put("POWERTOOLS_SERVICE_NAME", FUNCTION);
        return env;
    }

    private static String endpoint(java.util.Optional<URI> endpoint) {
        return endpoint.orElseThrow(() -> new IllegalStateException(
                "cold-start needs the embedded DynamoDB and SQS; unset AWS_ENDPOINT_URL* and retry")).toString();
    }

    /** workspaceId, keyId, scopes and rate limit of the bootstrapped owner key: the probe's authorizer context. */
    private static List<String> ownerKeyAsAuthorizerReportsIt(LocalPlatform platform) throws IOException, InterruptedException {
        HttpRequest request = HttpRequest.newBuilder(platform.url().resolve("/v1/api-keys"))
                .header("Authorization", "Bearer " + platform.ownerApiKey().orElseThrow()).GET().build();
        HttpResponse<String> response = HttpClient.newHttpClient().send(request, HttpResponse.BodyHandlers.ofString());
        if (response.statusCode() != 200) {
            throw new IllegalStateException("GET /v1/api-keys with the owner key answered " + response.statusCode() + ": " + response.body());
        }
        JsonNode key = Json.MAPPER.readTree(response.body()).path("data").path(0);
        List<String> scopes = new ArrayList<>();
        key.path("scopes").forEach(s -> scopes.add(s.asText()));
        return List.of(platform.workspaceId().orElseThrow(), key.path("id").asText(), String.join(" ", scopes),
                key.path("rateLimitPerSecond").asText());
    }

    /** A jar holding only the probe package, copied from wherever this class was loaded (jar or directory). */
    private static Path writeProbeJar(Path target) throws Exception {
        Path source = Path.of(ColdStartProbe.class.getProtectionDomain().getCodeSource().getLocation().toURI());
        String packagePath = ColdStartProbe.class.getPackageName().replace('.', '/');
        try (FileSystem jar = Files.isDirectory(source) ? null : FileSystems.newFileSystem(source);
             OutputStream file = Files.newOutputStream(target);
             JarOutputStream out = new JarOutputStream(file);
             Stream<Path> classes = Files.list((jar == null ? source : jar.getPath("/")).resolve(packagePath))) {
            for (Path c : (Iterable<Path>) classes::iterator) {
                out.putNextEntry(new JarEntry(packagePath + "/" + c.getFileName()));
                Files.copy(c, out);
                out.closeEntry();
            }
        }
        return target;
    }

    private static String range(List<Long> values) {
        return "range " + values.stream().mapToLong(Long::longValue).min().orElseThrow() + "-"
                + values.stream().mapToLong(Long::longValue).max().orElseThrow() + " ms";
    }

    private static void deleteRecursively(Path dir) throws IOException {
        try (Stream<Path> paths = Files.walk(dir)) {
            paths.sorted(java.util.Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        }
    }
}
