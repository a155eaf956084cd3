package com.penguinmails.functions.analytics;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestHandler;
import com.amazonaws.services.lambda.runtime.events.ScheduledEvent;
import com.penguinmails.analytics.recommendations.RecommendationEvaluator;
import com.penguinmails.analytics.recommendations.WorkspaceDirectory;
import com.penguinmails.analytics.wiring.RecommendationsWiring;
import com.penguinmails.core.platform.Platform;
import com.penguinmails.functions.observability.Observability;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Hourly: re-evaluates every workspace's recommendations (new ones open, cleared ones become fixed). One workspace
 * failing is logged and counted and the rest go on; the next run tries it again. Stops early, leaving the rest for
 * the next run, when the Lambda is close to its timeout.
 */
public final class RecommendationsEvaluatorHandler implements RequestHandler<ScheduledEvent, Map<String, Object>> {

    private static final Logger LOG = LoggerFactory.getLogger(RecommendationsEvaluatorHandler.class);
    private static final int SAFETY_MARGIN_MILLIS = 20_000;
    private static final int LOG_EVERY = 50;

    private final RecommendationEvaluator evaluator;
    private final WorkspaceDirectory workspaces;

    public RecommendationsEvaluatorHandler() {
        this(Platform.fromEnvironment());
    }

    public RecommendationsEvaluatorHandler(Platform platform) {
        this.evaluator = RecommendationsWiring.evaluator(platform);
        this.workspaces = RecommendationsWiring.workspaces(platform);
    }

    @Override
    public Map<String, Object> handleRequest(ScheduledEvent event, Context context) {
        String correlationId = event == null || event.getId() == null ? "recommendations-evaluator" : event.getId();
        return Observability.withRequest(context, correlationId, () -> evaluateAll(context));
    }

    private Map<String, Object> evaluateAll(Context context) {
        AtomicInteger evaluated = new AtomicInteger();
        AtomicInteger failed = new AtomicInteger();
        AtomicInteger skipped = new AtomicInteger();
        AtomicInteger opened = new AtomicInteger();
        AtomicInteger fixed = new AtomicInteger();
        AtomicInteger reopened = new AtomicInteger();
        workspaces.forEachWorkspace(workspaceId -> {
            if (context != null && context.getRemainingTimeInMillis() < SAFETY_MARGIN_MILLIS) {
                skipped.incrementAndGet();
                return;
            }
            try {
                RecommendationEvaluator.Outcome outcome = evaluator.evaluate(workspaceId);
                opened.addAndGet(outcome.opened());
                fixed.addAndGet(outcome.fixed());
                reopened.addAndGet(outcome.reopened());
                if (outcome.opened() + outcome.fixed() + outcome.reopened() > 0) {
                    LOG.info("recommendations: workspace {}: {} opened, {} fixed, {} reopened, {} still open", workspaceId,
                            outcome.opened(), outcome.fixed(), outcome.reopened(), outcome.refreshed());
                }
            } catch (RuntimeException e) {
                failed.incrementAndGet();
                LOG.warn("recommendations: workspace {} failed; the next run tries again", workspaceId, e);
            }
            if (evaluated.incrementAndGet() % LOG_EVERY == 0) {
                LOG.info("recommendations: {} workspaces evaluated so far", evaluated.get());
            }
        });
        boolean complete = skipped.get() == 0;
        LOG.info("recommendations finished: {} workspaces, {} failed, {} left for the next run; {} opened, {} fixed, {} reopened",
                evaluated.get(), failed.get(), skipped.get(), opened.get(), fixed.get(), reopened.get());
        Observability.count("RecommendationWorkspacesEvaluated", evaluated.get());
        Observability.count("RecommendationWorkspacesFailed", failed.get());
        Observability.count("RecommendationsOpened", opened.get() + reopened.get());
        Observability.count("RecommendationsFixed", fixed.get());
        Map<String, Object> result = new LinkedHashMap<>();
        result.put("workspaces", evaluated.get());
        result.put("failed", failed.get());
        result.put("opened", opened.get());
        result.put("fixed", fixed.get());
        result.put("reopened", reopened.get());
        result.put("complete", complete);
        return result;
    }
}
