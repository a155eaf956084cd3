package com.penguinmails.benchmarks;

import java.lang.management.ManagementFactory;
import java.lang.management.ThreadInfo;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The CPU time this JVM's threads used during a case, by the part of the local platform they work for (told by
 * their names): the functions' invocations, the pollers, ElasticMQ, the SMTP sink, the SNS and SES stand-ins, the
 * HTTP gateway, the benchmark itself; and what no Java thread accounts for (garbage collection, the JIT compilers,
 * the VM). Each thread's CPU time is read every second, so a thread that ends during the run loses at most its last
 * second; the embedded DynamoDB runs in its own process and is measured apart.
 */
final class CpuByPart implements AutoCloseable {

    private static final long INTERVAL_MILLIS = 1_000;

    private final com.sun.management.ThreadMXBean threads = (com.sun.management.ThreadMXBean) ManagementFactory.getThreadMXBean();
    /** By thread id: its name and its CPU time when first and last seen. */
    private final Map<Long, long[]> times = new ConcurrentHashMap<>();
    private final Map<Long, String> names = new ConcurrentHashMap<>();
    private final Thread sampler;
    private final long processCpuAtStart;
    private volatile boolean running = true;

    CpuByPart() {
        sample(true);
        processCpuAtStart = processCpu();
        sampler = new Thread(() -> {
            while (running) {
                try {
                    Thread.sleep(INTERVAL_MILLIS);
                } catch (InterruptedException e) {
                    return;
                }
                sample(false);
            }
        }, "benchmark-cpu-by-part");
        sampler.setDaemon(true);
        sampler.start();
    }

    private void sample(boolean atStart) {
        ThreadInfo[] infos = threads.getThreadInfo(threads.getAllThreadIds(), 0);
        for (ThreadInfo info : infos) {
            if (info == null) {
                continue;
            }
            long cpu = threads.getThreadCpuTime(info.getThreadId());
            if (cpu < 0) {
                continue;
            }
            names.putIfAbsent(info.getThreadId(), info.getThreadName());
            times.compute(info.getThreadId(), (id, seen) -> seen == null ? new long[] {atStart ? cpu : 0, cpu} : new long[] {seen[0], cpu});
        }
    }

    private static long processCpu() {
        return ManagementFactory.getOperatingSystemMXBean() instanceof com.sun.management.OperatingSystemMXBean os ? os.getProcessCpuTime() : 0;
    }

    /** Milliseconds of CPU per email by part, largest first, with the JVM's own share. */
    String report(int emails) {
        running = false;
        sampler.interrupt();
        sample(false);
        long process = processCpu() - processCpuAtStart;
        Map<String, Long> byPart = new LinkedHashMap<>();
        long javaThreads = 0;
        for (Map.Entry<Long, long[]> e : times.entrySet()) {
            long used = e.getValue()[1] - e.getValue()[0];
            javaThreads += used;
            byPart.merge(part(names.get(e.getKey())), used, Long::sum);
        }
        byPart.put("GC, JIT and the VM (no Java thread)", Math.max(0, process - javaThreads));
        StringBuilder out = new StringBuilder();
        byPart.entrySet().stream().sorted((a, b) -> Long.compare(b.getValue(), a.getValue())).filter(e -> e.getValue() > 0)
                .forEach(e -> out.append(out.length() == 0 ? "" : ", ").append(String.format(Locale.ROOT, "%s %.1f",
                        e.getKey(), e.getValue() / 1e6 / emails)));
        return String.format(Locale.ROOT, "this JVM's CPU per email, ms: %s (total %.1f)", out, process / 1e6 / emails);
    }

    static String part(String thread) {
        if (thread == null) {
            return "other";
        } else if (thread.startsWith("pm-local-invoke-")) {
            return "functions";
        } else if (thread.startsWith("pm-local-sqs-")) {
            return "pollers";
        } else if (thread.startsWith("elasticmq")) {
            return "ElasticMQ";
        } else if (thread.startsWith("smtp") || thread.startsWith("imap")) {
            return "SMTP sink";
        } else if (thread.startsWith("sns-stand-in")) {
            return "SNS stand-in";
        } else if (thread.startsWith("local-ses-events")) {
            return "SES stand-in";
        } else if (thread.startsWith("pm-local-http") || thread.startsWith("HTTP-Dispatcher")) {
            return "HTTP gateway";
        } else if (thread.startsWith("benchmark") || thread.equals("main") || thread.startsWith("HttpClient")) {
            return "benchmark itself";
        } else if (thread.startsWith("sdk-")) {
            return "SDK timers";
        } else if (thread.startsWith("pm-local-scheduler")) {
            return "scheduler";
        }
        return "other";
    }

    @Override
    public void close() {
        running = false;
        sampler.interrupt();
    }
}
