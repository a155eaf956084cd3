package com.penguinmails.embedded;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.stream.Collectors;

/**
 * A child process (node, npm) whose output goes to a temporary log file and whose whole process tree is killed on
 * {@link #close()} or, failing that, when the JVM exits, so Ctrl-C or a crashed test run never leaves one behind.
 */
final class ManagedProcess implements AutoCloseable {

    private static final Duration GRACEFUL_STOP = Duration.ofSeconds(10);
    private static final int OUTPUT_LINES_IN_ERRORS = 40;

    private final String name;
    private final Process process;
    private final Path log;
    private final Thread shutdownHook;
    private final AtomicBoolean closed = new AtomicBoolean();

    private ManagedProcess(String name, Process process, Path log) {
        this.name = name;
        this.process = process;
        this.log = log;
        this.shutdownHook = new Thread(this::stop, "penguinmails-stop-" + name);
        Runtime.getRuntime().addShutdownHook(shutdownHook);
    }

    /** Starts {@code command} in {@code workingDirectory}; {@code name} labels the log file and error messages. */
    static ManagedProcess start(String name, List<String> command, Path workingDirectory) {
        Path log = createLog(name);
        ProcessBuilder builder = new ProcessBuilder(command)
                .directory(workingDirectory.toFile())
                .redirectErrorStream(true)
                .redirectOutput(log.toFile());
        try {
            return new ManagedProcess(name, builder.start(), log);
        } catch (IOException e) {
            deleteQuietly(log);
            throw new IllegalStateException("Cannot run '" + command.get(0) + "' for " + name
                    + ": is it installed and on the PATH? " + e.getMessage(), e);
        }
    }

    boolean isAlive() {
        return process.isAlive();
    }

    /**
     * Sends {@code signal} (e.g. {@code STOP}, {@code CONT}) to the process and its descendants with {@code kill}, so
     * a test can freeze a server without closing its sockets: connections are still accepted, nothing is answered.
     */
    void signal(String signal) {
        List<String> command = new java.util.ArrayList<>(List.of("kill", "-" + signal, Long.toString(process.pid())));
        process.descendants().forEach(child -> command.add(Long.toString(child.pid())));
        try {
            Process kill = new ProcessBuilder(command).redirectErrorStream(true).start();
            String output = new String(kill.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            if (kill.waitFor() != 0) {
                throw new IllegalStateException("kill -" + signal + " " + name + " failed: " + output);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot run kill for " + name, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while signalling " + name, e);
        }
    }

    /** Waits for the process to end by itself; returns its exit code, or throws once {@code timeout} has passed. */
    int awaitExit(Duration timeout) {
        try {
            if (!process.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
                throw new IllegalStateException(name + " did not finish within " + timeout.toSeconds() + " s.\n"
                        + output());
            }
            return process.exitValue();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("Interrupted while waiting for " + name, e);
        }
    }

    /** The first lines the process printed, for error messages. */
    String output() {
        try (BufferedReader reader = Files.newBufferedReader(log, StandardCharsets.UTF_8)) {
            String head = reader.lines().limit(OUTPUT_LINES_IN_ERRORS).collect(Collectors.joining("\n"));
            return "Output of " + name + " (" + log + "):\n" + head;
        } catch (IOException | UncheckedIOException e) {
            return "Output of " + name + " is unreadable (" + log + "): " + e.getMessage();
        }
    }

    /** Kills the process and its descendants, waits for them to exit and deletes the log. Idempotent. */
    @Override
    public void close() {
        try {
            Runtime.getRuntime().removeShutdownHook(shutdownHook);
        } catch (IllegalStateException jvmAlreadyShuttingDown) {
            // Then the hook runs stop() too; only the first call does anything.
        }
        stop();
    }

    private void stop() {
        if (closed.compareAndSet(false, true)) {
            destroyTree();
            deleteQuietly(log);
        }
    }

    private void destroyTree() {
        // Collected first: once the parent is gone its children are re-parented and no longer its descendants.
        List<ProcessHandle> descendants = process.descendants().toList();
        descendants.forEach(ProcessHandle::destroy);
        process.destroy();
        try {
            if (!process.waitFor(GRACEFUL_STOP.toMillis(), TimeUnit.MILLISECONDS)) {
                process.destroyForcibly().waitFor();
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            process.destroyForcibly();
        }
        descendants.stream().filter(ProcessHandle::isAlive).forEach(ProcessHandle::destroyForcibly);
    }

    private static Path createLog(String name) {
        try {
            return Files.createTempFile("penguinmails-" + name + "-", ".log");
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot create a log file for " + name + " in java.io.tmpdir", e);
        }
    }

    private static void deleteQuietly(Path file) {
        try {
            Files.deleteIfExists(file);
        } catch (IOException e) {
            // A stray log file in the temp directory is not worth failing a shutdown for.
        }
    }
}
