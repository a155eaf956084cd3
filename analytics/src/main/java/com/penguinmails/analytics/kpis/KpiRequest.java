package com.penguinmails.analytics.kpis;

import com.penguinmails.analytics.Dimension;
import com.penguinmails.analytics.Granularity;
import java.time.Instant;
import java.time.ZoneId;
import java.util.List;
import java.util.Map;

/** What a KPI report covers: a workspace's period, bucket width, grouping, filters and the zone days begin in. */
public record KpiRequest(String workspaceId, Instant from, Instant to, Granularity granularity, List<Dimension> groupBy,
                         Map<Dimension, String> filters, ZoneId zone) {

    public KpiRequest {
        groupBy = List.copyOf(groupBy);
        filters = Map.copyOf(filters);
    }
}
