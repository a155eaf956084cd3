package com.penguinmails.analytics.wiring;

import com.penguinmails.analytics.RollupReader;
import com.penguinmails.analytics.rollups.CounterStore;
import com.penguinmails.analytics.rollups.PackStore;
import com.penguinmails.analytics.rollups.RollupAggregator;
import com.penguinmails.analytics.rollups.RollupFold;
import com.penguinmails.analytics.rollups.RollupQueryService;
import com.penguinmails.analytics.rollups.internal.DynamoDbCounterStore;
import com.penguinmails.analytics.rollups.internal.DynamoDbPackStore;
import com.penguinmails.core.platform.Platform;

/**
 * Builds the roll-ups from a {@link Platform}: the aggregator on the event queue (packs only), the fold on its
 * schedule (packs and counters), the reader (counters only), each touching only the tables the catalog grants it.
 */
public final class RollupWiring {

    private RollupWiring() {
    }

    public static RollupAggregator aggregator(Platform platform) {
        return new RollupAggregator(packs(platform), platform.clock());
    }

    public static RollupFold fold(Platform platform) {
        return new RollupFold(packs(platform), counters(platform), platform.clock());
    }

    public static RollupReader reader(Platform platform) {
        return new RollupQueryService(counters(platform));
    }

    public static PackStore packs(Platform platform) {
        return new DynamoDbPackStore(platform.dynamoDb(), platform.tableName("rollup-packs"));
    }

    public static CounterStore counters(Platform platform) {
        return new DynamoDbCounterStore(platform.dynamoDb(), platform.tableName("rollups"));
    }
}
