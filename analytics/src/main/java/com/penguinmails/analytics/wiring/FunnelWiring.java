package com.penguinmails.analytics.wiring;

import com.penguinmails.analytics.funnel.FunnelService;
import com.penguinmails.analytics.funnel.FunnelStore;
import com.penguinmails.analytics.funnel.FunnelWriter;
import com.penguinmails.analytics.funnel.internal.DynamoDbFunnelStore;
import com.penguinmails.core.platform.Platform;

/** Builds the cross-channel funnel from a {@link Platform}: the writer (funnel-writer) and the reader (funnel-api). */
public final class FunnelWiring {

    private FunnelWiring() {
    }

    public static FunnelWriter writer(Platform platform) {
        return new FunnelWriter(store(platform));
    }

    public static FunnelService reader(Platform platform) {
        return new FunnelService(store(platform));
    }

    public static FunnelStore store(Platform platform) {
        return new DynamoDbFunnelStore(platform.dynamoDb(), platform.tableName("funnel"));
    }
}
