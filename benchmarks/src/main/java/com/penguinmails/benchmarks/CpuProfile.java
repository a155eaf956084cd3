package com.penguinmails.benchmarks;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.text.ParseException;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.Function;
import jdk.jfr.Configuration;
import jdk.jfr.Recording;
import jdk.jfr.consumer.RecordedEvent;
import jdk.jfr.consumer.RecordedFrame;
import jdk.jfr.consumer.RecordingFile;

/**
 * Where this JVM's CPU goes during a case ({@code PM_BENCH_PROFILE=1}): a JFR recording (the JDK's "profile"
 * settings) from the first send to the end, whose execution samples are sorted by the thread's part of the local
 * platform (functions, ElasticMQ, the SMTP sink, the SNS stand-in, the pollers) and, for the functions, by the
 * library the sampled frame is in. The recording is kept in {@code benchmarks/target/} for a closer look
 * ({@code jfr print --events jdk.ExecutionSample}).
 */
final class CpuProfile implements AutoCloseable {

    private final Recording recording;
    private final Path file;

    CpuProfile(String name) throws IOException, ParseException {
        recording = new Recording(Configuration.getConfiguration("profile"));
        recording.setName("sending-" + name);
        file = Path.of("benchmarks", "target", "sending-" + name + ".jfr").toAbsolutePath();
        Files.createDirectories(file.getParent());
        recording.start();
    }

    /** Stops recording and sums the samples up. */
    String report() throws IOException {
        recording.stop();
        recording.dump(file);
        List<RecordedEvent> samples = RecordingFile.readAllEvents(file).stream()
                .filter(e -> e.getEventType().getName().equals("jdk.ExecutionSample")).toList();
        Map<String, Integer> byPart = count(samples, CpuProfile::part);
        Map<String, Integer> inFunctions = count(samples.stream().filter(e -> part(e).equals("functions")).toList(), CpuProfile::library);
        return String.format(Locale.ROOT, "JVM CPU samples %d: %s; inside the functions: %s (recording: %s)", samples.size(),
                shares(byPart, samples.size()), shares(inFunctions, samples.size()), file);
    }

    private static Map<String, Integer> count(List<RecordedEvent> samples, Function<RecordedEvent, String> key) {
        Map<String, Integer> counts = new TreeMap<>();
        samples.forEach(e -> counts.merge(key.apply(e), 1, Integer::sum));
        return counts;
    }

    private static String shares(Map<String, Integer> counts, int total) {
        return counts.entrySet().stream().sorted((a, b) -> b.getValue() - a.getValue()).limit(10)
                .map(e -> String.format(Locale.ROOT, "%s %.0f%%", e.getKey(), 100.0 * e.getValue() / Math.max(1, total)))
                .reduce((a, b) -> a + ", " + b).orElse("none");
    }

    private static String part(RecordedEvent sample) {
        return CpuByPart.part(sample.getThread("sampledThread") == null ? null : sample.getThread("sampledThread").getJavaName());
    }

    /** The library of the innermost frame that is not the JDK's own. */
    private static String library(RecordedEvent sample) {
        if (sample.getStackTrace() == null) {
            return "?";
        }
        for (RecordedFrame frame : sample.getStackTrace().getFrames()) {
            String type = frame.getMethod().getType().getName();
            if (type.startsWith("java.") || type.startsWith("jdk.") || type.startsWith("sun.") || type.startsWith("com.sun.")) {
                continue;
            }
            if (type.startsWith("software.amazon.awssdk")) {
                return "AWS SDK";
            } else if (type.startsWith("jakarta.mail") || type.startsWith("org.eclipse.angus")) {
                return "Jakarta Mail";
            } else if (type.startsWith("com.fasterxml.jackson")) {
                return "Jackson";
            } else if (type.startsWith("org.apache.logging") || type.startsWith("org.slf4j")) {
                return "logging";
            } else if (type.startsWith("software.amazon.lambda.powertools")) {
                return "Powertools";
            } else if (type.startsWith("com.penguinmails.benchmarks")) {
                return "benchmark meters";
            } else if (type.startsWith("com.penguinmails")) {
                return "our code";
            }
            return type.contains(".") ? type.substring(0, type.indexOf('.', type.indexOf('.') + 1) < 0 ? type.length()
                    : type.indexOf('.', type.indexOf('.') + 1)) : type;
        }
        return "JDK";
    }

    @Override
    public void close() {
        recording.close();
    }
}
