package com.penguinmails.benchmarks;

import com.penguinmails.local.LocalRuntimeThreads;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadInfo;
import java.lang.management.ThreadMXBean;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.LongAdder;

/**
 * Where the local pipeline's time goes ({@code PM_BENCH_PROFILE=1}): samples the stacks of the functions'
 * invocation threads and the event source mappings' pollers every {@value #INTERVAL_MILLIS} ms and sorts each sample
 * by what the thread was doing: inside a DynamoDB, SQS or SNS call, an SMTP exchange, or our own code and the rest.
 * Wall-clock samples (a thread waiting for a socket counts), which is what bounds a pipeline of round trips.
 */
final class StackSampler implements AutoCloseable {

    private static final long INTERVAL_MILLIS = 100;

    private final Map<String, LongAdder> functionSamples = new ConcurrentHashMap<>();
    private final Map<String, LongAdder> pollerSamples = new ConcurrentHashMap<>();
    private final LongAdder rounds = new LongAdder();
    private final Thread thread;
    private volatile boolean running = true;

    StackSampler() {
        thread = new Thread(this::sample, "benchmark-stack-sampler");
        thread.setDaemon(true);
        thread.start();
    }

    private void sample() {
        ThreadMXBean threads = ManagementFactory.getThreadMXBean();
        while (running) {
            for (ThreadInfo info : threads.dumpAllThreads(false, false)) {
                LocalRuntimeThreads.Role role = LocalRuntimeThreads.ofName(info.getThreadName());
                if (role == LocalRuntimeThreads.Role.FUNCTION && isIdlePoolThread(info.getStackTrace())) {
                    continue;
                }
                if (role == LocalRuntimeThreads.Role.FUNCTION) {
                    functionSamples.computeIfAbsent(classify(info.getStackTrace()), k -> new LongAdder()).increment();
                } else if (role == LocalRuntimeThreads.Role.EVENT_SOURCE) {
                    pollerSamples.computeIfAbsent(classifyPoller(info.getStackTrace()), k -> new LongAdder()).increment();
                }
            }
            rounds.increment();
            try {
                Thread.sleep(INTERVAL_MILLIS);
            } catch (InterruptedException e) {
                return;
            }
        }
    }

    /** An invocation thread waiting in its pool for work is not part of any invocation. */
    private static boolean isIdlePoolThread(StackTraceElement[] stack) {
        for (StackTraceElement frame : stack) {
            if (frame.getClassName().startsWith("com.penguinmails.local.LocalFunction")) {
                return false;
            }
        }
        return true;
    }

    private static String classify(StackTraceElement[] stack) {
        for (StackTraceElement frame : stack) {
            String c = frame.getClassName();
            if (c.startsWith("software.amazon.awssdk.services.dynamodb")) {
                return "DynamoDB calls";
            } else if (c.startsWith("software.amazon.awssdk.services.sqs")) {
                return "SQS calls";
            } else if (c.startsWith("software.amazon.awssdk.services.sns")) {
                return "SNS publishes";
            } else if (c.startsWith("org.eclipse.angus.mail") || c.startsWith("jakarta.mail")) {
                return "SMTP";
            }
        }
        for (StackTraceElement frame : stack) {
            if (frame.getClassName().startsWith("com.penguinmails") && !frame.getClassName().startsWith("com.penguinmails.local")) {
                return "other (innermost of ours: " + simpleName(frame.getClassName()) + "." + frame.getMethodName() + ")";
            }
        }
        return "other";
    }

    private static String classifyPoller(StackTraceElement[] stack) {
        for (StackTraceElement frame : stack) {
            String c = frame.getClassName();
            String m = frame.getMethodName();
            if (c.equals("com.penguinmails.local.LocalFunction") && m.equals("invoke")) {
                return "waiting for its function";
            } else if (c.equals("com.penguinmails.local.SqsPoller")) {
                return switch (m) {
                    case "receive" -> "ReceiveMessage";
                    case "deliver" -> "DeleteMessageBatch";
                    case "rest" -> "resting (queue empty)";
                    default -> "batching window";
                };
            }
        }
        return "other";
    }

    private static String simpleName(String className) {
        return className.substring(className.lastIndexOf('.') + 1);
    }

    /** Each kind's share of the function threads' busy samples and the pollers' samples, and how many ran at once. */
    String report() {
        long functionTotal = functionSamples.values().stream().mapToLong(LongAdder::sum).sum();
        long pollerTotal = pollerSamples.values().stream().mapToLong(LongAdder::sum).sum();
        return String.format(Locale.ROOT, "invocations running at once %.1f on average; their time: %s. Pollers: %s",
                rounds.sum() == 0 ? 0 : (double) functionTotal / rounds.sum(), shares(functionSamples, functionTotal),
                shares(pollerSamples, pollerTotal));
    }

    private static String shares(Map<String, LongAdder> samples, long total) {
        return samples.entrySet().stream().sorted((a, b) -> Long.compare(b.getValue().sum(), a.getValue().sum()))
                .limit(8).map(e -> String.format(Locale.ROOT, "%s %.0f%%", e.getKey(), 100.0 * e.getValue().sum() / Math.max(1, total)))
                .reduce((a, b) -> a + ", " + b).orElse("none");
    }

    @Override
    public void close() {
        running = false;
        thread.interrupt();
    }
}
