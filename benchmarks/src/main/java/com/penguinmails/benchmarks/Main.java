package com.penguinmails.benchmarks;

import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.lang.management.OperatingSystemMXBean;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;

/**
 * {@code bin/benchmarks [cold-start|startup|api-load|sending|rollups|funnel|sequences|forecast|all]}: runs the chosen benchmarks one after another and
 * prints one line per figure on stdout. Run from the repository root (the script does).
 */
public final class Main {

    private static final List<String> ALL = List.of("cold-start", "startup", "api-load", "sending", "rollups", "funnel", "sequences", "forecast");

    private Main() {
    }

    public static void main(String[] args) throws Exception {
        String which = args.length == 0 ? "all" : args[0];
        List<String> chosen = "all".equals(which) ? ALL : List.of(which);
        if (args.length > 1 || !ALL.containsAll(chosen)) {
            System.err.println("Usage: bin/benchmarks [cold-start|startup|api-load|sending|rollups|funnel|sequences|forecast|all]");
            System.exit(2);
        }
        Path repo = Path.of("").toAbsolutePath();
        // Other work on the machine skews every figure; say how busy it was so a reader can judge them.
        OperatingSystemMXBean os = ManagementFactory.getOperatingSystemMXBean();
        System.out.printf(Locale.ROOT, "machine: %d cores, load average %.1f (1 min) at start; java %s%n",
                os.getAvailableProcessors(), os.getSystemLoadAverage(), System.getProperty("java.version"));
        for (String benchmark : chosen) {
            System.err.println("running " + benchmark + "...");
            switch (benchmark) {
                case "cold-start" -> new ColdStartBenchmark(repo).run();
                case "startup" -> new StartupBenchmark(repo).run();
                case "api-load" -> new ApiLoadBenchmark().run();
                case "sending" -> new SendingBenchmark().run();
                case "rollups" -> new RollupBenchmark().run();
                case "funnel" -> new FunnelBenchmark().run();
                case "sequences" -> new SequenceBenchmark().run();
                case "forecast" -> new ForecastBenchmark().run();
                default -> throw new IllegalStateException(benchmark);
            }
        }
        summarizeLog();
        System.out.flush();
        System.err.flush();
        // Every platform was closed above. Library threads (HTTP client, SDK) and third-party shutdown hooks
        // (seen once: a 30-minute hang after the last figure) must not keep a finished benchmark alive.
        Runtime.getRuntime().halt(0);
    }

    /** The in-process platforms log to a file so the figures stay readable; say whether it holds problems. */
    private static void summarizeLog() throws IOException {
        String file = System.getProperty("penguinmails.benchmarks.log");
        if (file == null || !Files.exists(Path.of(file))) {
            return;
        }
        List<String> lines = Files.readAllLines(Path.of(file));
        long errors = lines.stream().filter(l -> l.contains(" ERROR ")).count();
        long warnings = lines.stream().filter(l -> l.contains(" WARN ")).count();
        System.out.println("log: " + file + " has " + errors + " ERROR and " + warnings + " WARN lines");
    }
}
