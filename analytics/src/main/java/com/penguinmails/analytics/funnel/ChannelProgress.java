package com.penguinmails.analytics.funnel;

import java.time.Instant;
import java.util.EnumMap;
import java.util.Map;

/**
 * A contact's furthest stage on one channel, and when each stage up to it was first reached there.
 *
 * @param firstAt for every stage up to {@code stage}, the earliest time an event showed it (an event of a later
 *                stage also shows the earlier ones: a reply at 10:00 means reached by 10:00)
 */
public record ChannelProgress(FunnelStage stage, Map<FunnelStage, Instant> firstAt) {

    public ChannelProgress {
        EnumMap<FunnelStage, Instant> copy = new EnumMap<>(FunnelStage.class);
        copy.putAll(firstAt);
        firstAt = java.util.Collections.unmodifiableMap(copy);
    }

    public static ChannelProgress of(FunnelStage stage, Instant at) {
        return new ChannelProgress(null, Map.of()).with(stage, at);
    }

    /**
     * This progress and one more event of {@code stage} at {@code at}: the furthest stage of both, and the earlier
     * time of each stage. Order-free and idempotent, so redelivered or late events end in the same state.
     */
    public ChannelProgress with(FunnelStage reached, Instant at) {
        FunnelStage furthest = reached.isAfter(stage) ? reached : stage;
        EnumMap<FunnelStage, Instant> times = new EnumMap<>(FunnelStage.class);
        times.putAll(firstAt);
        for (FunnelStage s : FunnelStage.values()) {
            if (s.compareTo(reached) <= 0) {
                times.merge(s, at, (a, b) -> a.isBefore(b) ? a : b);
            }
        }
        return new ChannelProgress(furthest, times);
    }
}
