package com.penguinmails.local;

import com.amazonaws.services.lambda.runtime.RequestHandler;
import com.penguinmails.catalog.FunctionSpec;
import java.time.Duration;
import java.util.UUID;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One catalog function, instantiated once and invoked from many threads at the same time, as a warm Lambda
 * container would be if it could take concurrent requests. Handlers are written thread-safe for exactly this.
 */
final class LocalFunction {

    private static final Logger LOG = LoggerFactory.getLogger(LocalFunction.class);

    private final FunctionSpec spec;
    private final RequestHandler<Object, Object> handler;
    private final String region;

    LocalFunction(FunctionSpec spec, RequestHandler<Object, Object> handler, String region) {
        this.spec = spec;
        this.handler = handler;
        this.region = region;
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
     * Runs the handler. Nothing is killed at the timeout (a thread cannot be stopped safely), but overrunning
     * it is logged, since in AWS that invocation would have failed.
     */
    @SuppressWarnings("unchecked")
    <O> O invoke(Object event) {
        long started = System.nanoTime();
        try {
            return (O) handler.handleRequest(event, new LocalContext(this, UUID.randomUUID().toString()));
        } finally {
            Duration took = Duration.ofNanos(System.nanoTime() - started);
            if (took.compareTo(Duration.ofSeconds(spec.timeoutSeconds())) > 0) {
                LOG.warn("{} ran {} ms, past its catalog timeout of {} s: Lambda would have stopped it",
                        spec.name(), took.toMillis(), spec.timeoutSeconds());
            }
        }
    }
}
