package com.penguinmails.analytics.wiring;

import com.penguinmails.analytics.RollupReader;
import com.penguinmails.analytics.rollups.RollupAggregator;
import com.penguinmails.analytics.rollups.RollupFold;
import com.penguinmails.analytics.rollups.RollupQueryService;
import com.penguinmails.analytics.rollups.RollupStore;
import com.penguinmails.analytics.rollups.internal.DynamoDbRollupStore;
import com.penguinmails.core.platform.Platform;

/** Builds the roll-ups from a {@link Platform}: the aggregator on the event queue, the fold on its schedule, the reader. */
public final class RollupWiring {

    private RollupWiring() {
    }

    public static RollupAggregator aggregator(Platform platform) {
        return new RollupAggregator(store(platform), platform.clock());
    }

    public static RollupFold fold(Platform platform) {
        return new RollupFold(store(platform), platform.clock());
    }

    public static RollupReader reader(Platform platform) {
        return new RollupQueryService(store(platform));
    }

    public static RollupStore store(Platform platform) {
        return new DynamoDbRollupStore(platform.dynamoDb(), platform.tableName("rollups"), platform.tableName("rollup-packs"));
    }
}
