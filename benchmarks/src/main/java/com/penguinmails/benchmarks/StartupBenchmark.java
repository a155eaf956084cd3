package com.penguinmails.benchmarks;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

/**
 * Local startup as a developer sees it: from running {@code bin/penguinmails-local --port 0} to the
 * {@code PENGUINMAILS_URL=} line on its stdout (dynalite, ElasticMQ, mail sink, HTTP API and a bootstrapped
 * workspace all ready). The process tree is stopped after every run and checked to be gone.
 */
final class StartupBenchmark {

    private static final int RUNS = 3;
    private static final long READY_TIMEOUT_SECONDS = 180;

    private final Path repo;
    private final Path script;

    StartupBenchmark(Path repo) {
        this.repo = repo;
        this.script = repo.resolve("bin/penguinmails-local");
    }

    void run() throws Exception {
        List<Long> runs = new ArrayList<>();
        for (int attempt = 1; runs.size() < RUNS; attempt++) {
            if (attempt > RUNS + 3) {
                throw new IllegalStateException("sources kept changing, so bin/penguinmails-local rebuilt in every run");
            }
            // The script rebuilds when sources are newer than its jar; doing that here keeps a build out of the timing.
            buildIfNeeded();
            Long elapsedMs = timeToReady();
            if (elapsedMs == null) {
                System.err.println("startup: discarded a run in which bin/penguinmails-local rebuilt (sources changed meanwhile)");
            } else {
                runs.add(elapsedMs);
            }
        }
        System.out.printf("startup: bin/penguinmails-local --port 0 to PENGUINMAILS_URL %d ms median of %d runs (runs: %s ms)%n",
                Stats.median(runs), RUNS, runs.stream().map(String::valueOf).reduce((a, b) -> a + ", " + b).orElseThrow());
    }

    private void buildIfNeeded() throws IOException, InterruptedException {
        Process help = new ProcessBuilder(script.toString(), "--help").directory(repo.toFile())
                .redirectOutput(ProcessBuilder.Redirect.DISCARD).redirectError(ProcessBuilder.Redirect.INHERIT).start();
        if (!help.waitFor(15, TimeUnit.MINUTES) || help.exitValue() != 0) {
            help.destroyForcibly();
            throw new IllegalStateException(script + " --help (which builds the local platform) failed");
        }
    }

    /** Milliseconds to the URL line, or null if the script had to rebuild first (then the figure means nothing). */
    private Long timeToReady() throws Exception {
        Path log = Files.createTempFile("pm-startup-", ".log");
        ProcessBuilder builder = new ProcessBuilder(script.toString(), "--port", "0").directory(repo.toFile())
                .redirectError(log.toFile());
        long start = System.nanoTime();
        Process process = builder.start();
        // Ctrl-C on the benchmark must not leave a platform (and its node process) running.
        Thread onInterrupt = new Thread(() -> {
            process.descendants().forEach(ProcessHandle::destroy);
            process.destroy();
        });
        Runtime.getRuntime().addShutdownHook(onInterrupt);
        try {
            CompletableFuture<Long> ready = CompletableFuture.supplyAsync(() -> readUntilUrl(process, start));
            Long elapsedMs = ready.get(READY_TIMEOUT_SECONDS, TimeUnit.SECONDS);
            if (elapsedMs == null) {
                throw new IllegalStateException("bin/penguinmails-local exited (" + process.waitFor() + ") without printing"
                        + " PENGUINMAILS_URL=\n" + Files.readString(log));
            }
            return Files.readString(log).contains("Building the local platform") ? null : elapsedMs;
        } finally {
            stopTree(process);
            Runtime.getRuntime().removeShutdownHook(onInterrupt);
            reportProblems(log);
            Files.deleteIfExists(log);
        }
    }

    /** Shows the platform's ERROR/WARN lines (its stderr), which a clean start should not have. */
    private static void reportProblems(Path log) throws IOException {
        try (var lines = Files.lines(log)) {
            lines.filter(l -> l.contains(" ERROR ") || l.contains(" WARN ") || l.startsWith("Exception"))
                    .forEach(l -> System.err.println("startup: platform log: " + l));
        }
    }

    /** Milliseconds until the URL line, or null when stdout ended first. Leaves the pipe open for the lines after it. */
    private static Long readUntilUrl(Process process, long start) {
        BufferedReader out = new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8));
        try {
            for (String line = out.readLine(); line != null; line = out.readLine()) {
                if (line.startsWith("PENGUINMAILS_URL=")) {
                    return (System.nanoTime() - start) / 1_000_000;
                }
            }
            return null;
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    /**
     * SIGTERM first so the shutdown hook stops dynalite cleanly, then force whatever is left. The descendants are
     * listed before anything is stopped: once their parent is gone they are re-parented and no longer listed.
     */
    private static void stopTree(Process process) throws Exception {
        List<ProcessHandle> tree = new ArrayList<>(process.descendants().toList());
        tree.add(process.toHandle());
        process.destroy();
        if (!process.waitFor(20, TimeUnit.SECONDS)) {
            System.err.println("startup: bin/penguinmails-local ignored SIGTERM for 20 s; killing it");
        }
        for (ProcessHandle p : tree) {
            if (p.isAlive()) {
                System.err.println("startup: killing leftover process " + p.pid() + " " + p.info().command().orElse("?"));
                p.destroyForcibly();
                p.onExit().get(10, TimeUnit.SECONDS);
            }
        }
        List<Long> alive = tree.stream().filter(ProcessHandle::isAlive).map(ProcessHandle::pid).toList();
        if (!alive.isEmpty()) {
            throw new IllegalStateException("processes still running after stopping bin/penguinmails-local: " + alive);
        }
    }
}
