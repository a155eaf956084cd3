package com.penguinmails.benchmarks;

import com.penguinmails.local.InvocationListener;
import com.penguinmails.local.LocalRuntimeThreads;
import java.nio.charset.StandardCharsets;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.DoubleAdder;
import java.util.concurrent.atomic.LongAdder;
import org.apache.logging.log4j.LogManager;
import org.apache.logging.log4j.core.Appender;
import org.apache.logging.log4j.core.LogEvent;
import org.apache.logging.log4j.core.LoggerContext;
import org.apache.logging.log4j.core.appender.AbstractAppender;
import org.apache.logging.log4j.core.config.Configuration;
import org.apache.logging.log4j.core.config.LoggerConfig;
import org.apache.logging.log4j.core.config.Property;
import org.apache.logging.log4j.layout.template.json.JsonTemplateLayout;

/**
 * What Lambda would bill for the functions' invocations, from the local runtime's own counts: one request per
 * invocation, and GB-seconds from each handler's measured time (rounded up to the millisecond, as Lambda bills)
 * times its catalog memory. Also the bytes CloudWatch Logs would ingest: every log event a function writes while it
 * runs, rendered with the layout the function jars use in Lambda (Powertools' {@code LambdaJsonLayout.json}, one
 * JSON object per line on stdout), plus Lambda's own START, END and REPORT lines for each invocation.
 */
final class LambdaUsage implements InvocationListener {

    private final Map<String, LongAdder> invocations = new ConcurrentHashMap<>();
    private final Map<String, DoubleAdder> gbSeconds = new ConcurrentHashMap<>();
    private final DoubleAdder cpuGbSeconds = new DoubleAdder();
    private final LongAdder failed = new LongAdder();
    private final LongAdder functionLogBytes = new LongAdder();
    private final LongAdder functionLogLines = new LongAdder();
    private final LongAdder platformLogBytes = new LongAdder();
    private volatile boolean counting;
    private Appender appender;

    @Override
    public void invoked(Invocation invocation) {
        if (!counting) {
            return;
        }
        invocations.computeIfAbsent(invocation.function(), f -> new LongAdder()).increment();
        long billedMillis = Math.max(1, (invocation.duration().toNanos() + 999_999) / 1_000_000);
        gbSeconds.computeIfAbsent(invocation.function(), f -> new DoubleAdder())
                .add(billedMillis / 1000.0 * invocation.memoryMb() / 1024.0);
        cpuGbSeconds.add(invocation.cpuTime().toNanos() / 1e9 * invocation.memoryMb() / 1024.0);
        if (invocation.failed()) {
            failed.increment();
        }
        platformLogBytes.add(platformLines(invocation, billedMillis).getBytes(StandardCharsets.UTF_8).length);
    }

    /**
     * What Lambda writes to the function's log for every invocation (text format); the request id is a random one
     * of the real length and the memory used a three-digit figure, as the local runtime knows neither.
     */
    private static String platformLines(Invocation invocation, long billedMillis) {
        String id = UUID.randomUUID().toString();
        return "START RequestId: " + id + " Version: $LATEST\n"
                + "END RequestId: " + id + "\n"
                + String.format(Locale.ROOT, "REPORT RequestId: %s\tDuration: %.2f ms\tBilled Duration: %d ms\tMemory Size: %d MB\t"
                        + "Max Memory Used: %d MB\t\n", id, invocation.duration().toNanos() / 1e6, billedMillis, invocation.memoryMb(), 200);
    }

    /** From now on counts invocations, and the log bytes of function threads (an appender on the root logger). */
    void start() {
        LoggerContext context = (LoggerContext) LogManager.getContext(false);
        Configuration configuration = context.getConfiguration();
        JsonTemplateLayout layout = JsonTemplateLayout.newBuilder().setConfiguration(configuration)
                .setEventTemplateUri("classpath:LambdaJsonLayout.json").build();
        appender = new AbstractAppender("lambda-log-bytes", null, layout, true, Property.EMPTY_ARRAY) {
            @Override
            public void append(LogEvent event) {
                // Appenders run on the logging thread: a function's invocation thread is that function's stdout.
                if (counting && LocalRuntimeThreads.current() == LocalRuntimeThreads.Role.FUNCTION) {
                    functionLogBytes.add(getLayout().toByteArray(event).length);
                    functionLogLines.increment();
                }
            }
        };
        appender.start();
        configuration.addAppender(appender);
        configuration.getRootLogger().addAppender(appender, null, null);
        // Loggers that do not pass their events on to the root's appenders get it too.
        for (LoggerConfig logger : configuration.getLoggers().values()) {
            if (!logger.isAdditive() && logger != configuration.getRootLogger()) {
                logger.addAppender(appender, null, null);
            }
        }
        context.updateLoggers();
        counting = true;
    }

    void stop() {
        counting = false;
        if (appender != null) {
            LoggerContext context = (LoggerContext) LogManager.getContext(false);
            Configuration configuration = context.getConfiguration();
            configuration.getRootLogger().removeAppender(appender.getName());
            configuration.getLoggers().values().forEach(l -> l.removeAppender(appender.getName()));
            context.updateLoggers();
            appender.stop();
        }
    }

    long invocations() {
        return invocations.values().stream().mapToLong(LongAdder::sum).sum();
    }

    long failedInvocations() {
        return failed.sum();
    }

    double gbSeconds() {
        return gbSeconds.values().stream().mapToDouble(DoubleAdder::sum).sum();
    }

    /** GB-seconds had every handler run only for the CPU time its thread used: a floor no waiting could go below. */
    double cpuGbSeconds() {
        return cpuGbSeconds.sum();
    }

    long functionLogBytes() {
        return functionLogBytes.sum();
    }

    long functionLogLines() {
        return functionLogLines.sum();
    }

    long platformLogBytes() {
        return platformLogBytes.sum();
    }

    /** Invocations and GB-seconds per function, most GB-seconds first. */
    String breakdown() {
        Map<String, String> lines = new TreeMap<>();
        invocations.forEach((function, count) -> lines.put(function, String.format(Locale.ROOT, "%s %d x, %.1f GB-s",
                function, count.sum(), gbSeconds.get(function).sum())));
        return lines.keySet().stream().sorted((a, b) -> Double.compare(gbSeconds.get(b).sum(), gbSeconds.get(a).sum()))
                .map(lines::get).reduce((a, b) -> a + "; " + b).orElse("none");
    }
}
