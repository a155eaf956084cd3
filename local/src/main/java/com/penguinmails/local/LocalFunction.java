package com.penguinmails.local;

import com.amazonaws.services.lambda.runtime.RequestHandler;
import com.penguinmails.catalog.FunctionSpec;
import java.time.Duration;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One catalog function, instantiated once and invoked from many threads at the same time, as a warm Lambda
 * container would be if it could take concurrent requests. Handlers are written thread-safe for exactly this.
 */
final class LocalFunction {

    private static final Logger LOG = LoggerFactory.getLogger(LocalFunction.class);
    private static final java.lang.management.ThreadMXBean THREADS = java.lang.management.ManagementFactory.getThreadMXBean();

    private final FunctionSpec spec;
    private final RequestHandler<Object, Object> handler;
    private final String region;
    private final ExecutorService invocations;
    private final InvocationListener listener;

    LocalFunction(FunctionSpec spec, RequestHandler<Object, Object> handler, String region, ExecutorService invocations,
                  InvocationListener listener) {
        this.spec = spec;
        this.handler = handler;
        this.region = region;
        this.invocations = invocations;
        this.listener = listener;
    }

    FunctionSpec spec() {
        return spec;
    }

    String name() {
        return spec.name();
    }

    /** The name Lambda would know it by; prefixed like every other local resource. */
    String deployedName() {
        return LocalResourceNames.PREFIX + spec.name();
    }

    String arn() {
        return "arn:aws:lambda:" + region + ":" + LocalResourceNames.ACCOUNT_ID + ":function:" + deployedName();
    }

    /**
     * Runs the handler as Lambda does, within the catalog timeout: on a thread of its own, waited for until the
     * timeout and no longer. Past it the invocation fails with {@link TimedOut}, as Lambda's does ("Task timed out");
     * the thread is left to finish on its own, because a thread cannot be stopped safely (Lambda freezes the
     * container instead), and what it does after the deadline is logged.
     */
    @SuppressWarnings("unchecked")
    <O> O invoke(Object event) {
        String requestId = UUID.randomUUID().toString(); // an id, as Lambda makes one: random, never pinned
        Duration timeout = Duration.ofSeconds(spec.timeoutSeconds());
        long started = System.nanoTime();
        // How long the handler itself ran, from its own thread: what Lambda bills (not the wait for a free thread).
        long[] ran = new long[2];
        CompletableFuture<Object> running = CompletableFuture.supplyAsync(() -> {
            long began = System.nanoTime();
            long cpuBefore = THREADS.getCurrentThreadCpuTime();
            try {
                return handler.handleRequest(event, new LocalContext(this, requestId));
            } finally {
                ran[0] = System.nanoTime() - began;
                ran[1] = Math.max(0, THREADS.getCurrentThreadCpuTime() - cpuBefore);
            }
        }, invocations);
        try {
            O result = (O) running.get(timeout.toMillis(), TimeUnit.MILLISECONDS);
            report(ran, false);
            return result;
        } catch (TimeoutException e) {
            LOG.warn("{} (request {}) timed out after {} s, its catalog timeout; the invocation failed as in Lambda",
                    spec.name(), requestId, spec.timeoutSeconds());
            running.whenComplete((result, failure) -> LOG.warn("{} (request {}) ended {} ms after it started, past its timeout",
                    spec.name(), requestId, TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - started)));
            listener.invoked(new InvocationListener.Invocation(spec.name(), spec.memoryMb(), timeout, Duration.ZERO, true));
            throw new TimedOut(spec.name(), spec.timeoutSeconds());
        } catch (ExecutionException e) {
            report(ran, true);
            Throwable cause = e.getCause();
            if (cause instanceof RuntimeException runtime) {
                throw runtime;
            }
            if (cause instanceof Error error) {
                throw error;
            }
            throw new IllegalStateException(spec.name() + " threw " + cause, cause);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while waiting for " + spec.name(), e);
        }
    }

    /** {@code ran} was written by the handler's thread before the future completed, which publishes it to us. */
    private void report(long[] ran, boolean failed) {
        listener.invoked(new InvocationListener.Invocation(spec.name(), spec.memoryMb(), Duration.ofNanos(ran[0]),
                Duration.ofNanos(ran[1]), failed));
    }

    /** What Lambda reports for an invocation that ran past its timeout. */
    static final class TimedOut extends RuntimeException {
        TimedOut(String function, int timeoutSeconds) {
            super(function + ": Task timed out after " + timeoutSeconds + " seconds");
        }
    }
}
