package com.penguinmails.functions.analytics;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestHandler;
import com.amazonaws.services.lambda.runtime.events.ScheduledEvent;
import com.penguinmails.analytics.rollups.RollupFold;
import com.penguinmails.analytics.wiring.RollupWiring;
import com.penguinmails.core.platform.Platform;
import com.penguinmails.functions.observability.Observability;
import java.time.Duration;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Every minute: adds the packs that arrived since the last run to the hourly counters, window by window, and stops
 * a safe margin before the Lambda's timeout (the next run resumes). Each window is logged, so a fold catching up after
 * an outage shows how far it has got.
 */
public final class RollupFoldHandler implements RequestHandler<ScheduledEvent, Map<String, Object>> {

    private static final Logger LOG = LoggerFactory.getLogger(RollupFoldHandler.class);
    /** Left of the timeout when the last window starts: a window is a few hundred requests at most. */
    private static final Duration SAFETY_MARGIN = Duration.ofSeconds(20);
    private static final Duration LOCAL_BUDGET = Duration.ofSeconds(40);

    private final RollupFold fold;

    public RollupFoldHandler() {
        this(Platform.fromEnvironment());
    }

    public RollupFoldHandler(Platform platform) {
        this.fold = RollupWiring.fold(platform);
    }

    @Override
    public Map<String, Object> handleRequest(ScheduledEvent event, Context context) {
        String correlationId = event == null || event.getId() == null ? "rollup-fold" : event.getId();
        Duration budget = context == null ? LOCAL_BUDGET : Duration.ofMillis(context.getRemainingTimeInMillis()).minus(SAFETY_MARGIN);
        return Observability.withRequest(context, correlationId, () -> {
            RollupFold.Result result = fold.run(budget, window -> {
                LOG.info("roll-up fold: packs from {} to {}: {} events counted, {} duplicates skipped, {} counter items written",
                        window.from(), window.to(), window.events(), window.duplicates(), window.partWrites());
                Observability.count("RollupEventsFolded", window.events());
                Observability.count("RollupDuplicatesSkipped", window.duplicates());
                Observability.count("RollupPartWrites", window.partWrites());
            });
            if (!result.ran()) {
                LOG.info("roll-up fold: another run holds the lease; nothing to do");
            } else {
                LOG.info("roll-up fold finished: {} windows, {} events, watermark {}", result.windows(), result.events(), result.watermark());
            }
            return Map.<String, Object>of("ran", result.ran(), "windows", result.windows(), "events", result.events(),
                    "watermark", result.watermark().toString());
        });
    }
}
