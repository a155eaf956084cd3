package com.penguinmails.functions.analytics;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestHandler;
import com.amazonaws.services.lambda.runtime.events.SQSBatchResponse;
import com.amazonaws.services.lambda.runtime.events.SQSEvent;
import com.penguinmails.analytics.rollups.RollupAggregator;
import com.penguinmails.analytics.wiring.RollupWiring;
import com.penguinmails.core.platform.Platform;
import com.penguinmails.functions.observability.Observability;
import com.penguinmails.functions.sqs.PlatformEventBatch;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Packs a {@code rollups} batch (message, channel and placement events, one CloudEvent JSON per message) into what
 * its events count: one write for the batch, whatever it holds; {@link RollupFoldHandler} adds the packs to the
 * counters. A message that is not a platform event fails alone; if the pack cannot be written the whole batch is
 * retried, and the fold counts an event that arrives twice once.
 */
public final class RollupAggregatorHandler implements RequestHandler<SQSEvent, SQSBatchResponse> {

    private static final Logger LOG = LoggerFactory.getLogger(RollupAggregatorHandler.class);

    private final RollupAggregator aggregator;

    public RollupAggregatorHandler() {
        this(Platform.fromEnvironment());
    }

    public RollupAggregatorHandler(Platform platform) {
        this.aggregator = RollupWiring.aggregator(platform);
    }

    @Override
    public SQSBatchResponse handleRequest(SQSEvent event, Context context) {
        PlatformEventBatch batch = PlatformEventBatch.read(event);
        try {
            int counted = Observability.withRequest(context, "rollup-aggregator", () -> aggregator.record(batch.events()));
            Observability.count("RollupEventsPacked", counted);
            return batch.failing(List.of());
        } catch (RuntimeException e) {
            LOG.error("packing the batch failed; its {} events will be retried", batch.events().size(), e);
            return batch.failingAll();
        }
    }
}
