package com.penguinmails.local;

import java.io.PrintStream;
import java.lang.management.ManagementFactory;
import java.nio.file.Path;

/**
 * {@code java -jar penguinmails-local.jar [--port N] [--data-dir DIR]}: runs the platform until Ctrl-C. Stdout
 * carries only the lines scripts read ({@code PENGUINMAILS_URL=...} and the keys); logs go to stderr.
 */
public final class Main {

    private static final String USAGE = """
            Usage: java -jar penguinmails-local.jar [--port N] [--data-dir DIR]

            Runs the whole PenguinMails platform in this process: embedded DynamoDB (dynalite), SQS (ElasticMQ)
            and a mail sink, every function, the HTTP API on 127.0.0.1, queue pollers and schedules.

              --port N          HTTP port (default: $PM_PORT, else 8080; 0 picks a free one)
              --data-dir DIR    keep data in DIR between runs: tables, queued messages, and the keys and
                                bootstrap workspace (DIR/bootstrap.json, printed again on every start)
                                (default: in memory, new keys each start)
              --help            show this help

            Set AWS_ENDPOINT_URL_DYNAMODB, AWS_ENDPOINT_URL_SQS or AWS_ENDPOINT_URL to use that service there
            instead of embedding it. Control endpoints: /_local/clock, /_local/clock/advance, /_local/schedules,
            /_local/schedules/{name}/run, /_local/queues, /_local/queues/{name}/messages, /_local/outbox,
            /_local/health.
            """;

    private Main() {
    }

    public static void main(String[] args) {
        LocalPlatform.Builder builder = LocalPlatform.builder();
        for (int i = 0; i < args.length; i++) {
            switch (args[i]) {
                case "--help", "-h" -> {
                    System.out.print(USAGE);
                    return;
                }
                case "--port" -> builder.port(parsePort(value(args, ++i, "--port")));
                case "--data-dir" -> builder.dataDir(Path.of(value(args, ++i, "--data-dir")));
                default -> exitWithUsage("unknown option " + args[i]);
            }
        }

        LocalPlatform platform;
        try {
            platform = builder.start();
        } catch (RuntimeException e) {
            System.err.println("PenguinMails local platform failed to start: " + e.getMessage());
            e.printStackTrace();
            System.exit(1);
            return;
        }
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            platform.close();
            System.err.println("PenguinMails local platform stopped");
        }, "pm-local-shutdown"));
        printConnectionDetails(platform, System.out);
        platform.secretsFile().ifPresent(file -> System.err.println("These keys and the workspace are kept in " + file
                + " (readable only by you): every start with this --data-dir prints the same ones"));
        long sinceJvmStart = System.currentTimeMillis() - ManagementFactory.getRuntimeMXBean().getStartTime();
        System.err.println("PenguinMails local platform ready in " + sinceJvmStart + " ms since JVM start;"
                + " Ctrl-C stops it");
        // The HTTP server's dispatcher thread keeps the JVM alive until the shutdown hook stops it.
    }

    private static void printConnectionDetails(LocalPlatform platform, PrintStream out) {
        String apiKey = platform.ownerApiKey().orElse("");
        out.println("PENGUINMAILS_URL=" + platform.url());
        out.println("PENGUINMAILS_API_KEY=" + apiKey);
        out.println("PENGUINMAILS_ADMIN_KEY=" + platform.operatorKey());
        out.println();
        out.println("curl -s -H \"Authorization: Bearer " + apiKey + "\" " + platform.url() + "/v1/api-keys");
        out.println("Analytics dashboard: " + platform.url() + "/dashboard (paste the API key above)");
        out.flush();
    }

    private static String value(String[] args, int index, String option) {
        if (index >= args.length) {
            exitWithUsage(option + " needs a value");
        }
        return args[index];
    }

    private static int parsePort(String value) {
        try {
            int port = Integer.parseInt(value);
            if (port >= 0 && port <= 65535) {
                return port;
            }
        } catch (NumberFormatException e) {
            // reported below
        }
        exitWithUsage("--port needs a number from 0 to 65535, not " + value);
        return -1;
    }

    private static void exitWithUsage(String problem) {
        System.err.println(problem);
        System.err.print(USAGE);
        System.exit(2);
    }
}
