package com.penguinmails.functions.observability;

import com.amazonaws.services.lambda.runtime.Context;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.slf4j.MDC;
import software.amazon.lambda.powertools.logging.PowertoolsLogging;
import software.amazon.lambda.powertools.metrics.Metrics;
import software.amazon.lambda.powertools.metrics.MetricsFactory;
import software.amazon.lambda.powertools.metrics.model.MetricUnit;

/**
 * Structured JSON logs and CloudWatch EMF metrics through Powertools, without AspectJ: every invocation runs
 * inside {@link #withRequest}, which adds the Lambda context and a {@code correlation_id} that follows a request
 * or message through every function.
 */
public final class Observability {

    public static final String CORRELATION_ID = "correlation_id";
    private static final String NAMESPACE = System.getenv().getOrDefault("POWERTOOLS_METRICS_NAMESPACE", "PenguinMails");
    private static final boolean IN_LAMBDA = System.getenv("AWS_LAMBDA_FUNCTION_NAME") != null;
    private static final Logger LOG = LoggerFactory.getLogger(Observability.class);

    private Observability() {
    }

    public static <T> T withRequest(Context context, String correlationId, Supplier<T> work) {
        if (context == null) {
            MDC.put(CORRELATION_ID, correlationId);
            try {
                return work.get();
            } finally {
                MDC.remove(CORRELATION_ID);
            }
        }
        // Not withLogging(context, path, event, work): that overload reads the correlation id out of an event with a
        // JMESPath expression (loading Powertools' JsonConfig: JMESPath, Jackson Joda module, Joda-Time on the first
        // call), and given the id itself it logged "correlation_id":"null". Powertools clears the MDC afterwards.
        return PowertoolsLogging.withLogging(context, () -> {
            MDC.put(CORRELATION_ID, correlationId);
            return work.get();
        });
    }

    /**
     * Emits one count metric now (one EMF line), so concurrent invocations never share a metrics buffer. Outside
     * Lambda (the local platform) Powertools would look for a CloudWatch agent, so the figure is logged instead.
     */
    public static void count(String name, double value) {
        if (!IN_LAMBDA) {
            LOG.info("metric {}={} ({})", name, value, NAMESPACE);
            return;
        }
        Metrics metrics = MetricsFactory.getMetricsInstance();
        metrics.flushSingleMetric(name, value, MetricUnit.COUNT, NAMESPACE);
    }
}
