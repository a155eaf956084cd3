package com.penguinmails.analytics.kpis;

import com.penguinmails.analytics.Counts;
import com.penguinmails.analytics.Dimension;
import com.penguinmails.analytics.Granularity;
import com.penguinmails.analytics.RollupQuery;
import com.penguinmails.analytics.RollupReader;
import com.penguinmails.analytics.RollupRow;
import com.penguinmails.analytics.rollups.RollupQueryService;
import java.time.Duration;
import java.time.Instant;
import java.time.ZonedDateTime;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** KPI reports from the roll-ups, with the limits that keep an answer bounded. */
public final class KpiService {

    /** As long as the counters are kept. */
    public static final Duration MAX_RANGE = Duration.ofDays(400);
    public static final int MAX_GROUPS = 500;
    public static final int MAX_BUCKETS = 2_000;
    public static final Duration DEFAULT_RANGE = Duration.ofDays(7);

    private final RollupReader rollups;

    public KpiService(RollupReader rollups) {
        this.rollups = rollups;
    }

    public KpiReport report(KpiRequest request) {
        if (!request.from().isBefore(request.to())) {
            throw new KpiRequestException("from", "from must be before to.");
        }
        if (Duration.between(request.from(), request.to()).compareTo(MAX_RANGE) > 0) {
            throw new KpiRequestException("from", "A range is at most " + MAX_RANGE.toDays() + " days, as long as counters are kept.");
        }
        if (request.groupBy().size() > 2) {
            throw new KpiRequestException("groupBy", "Group by at most two dimensions.");
        }
        List<Instant> buckets = buckets(request);
        if (buckets.size() > MAX_BUCKETS) {
            throw new KpiRequestException("granularity", "That is " + buckets.size() + " " + request.granularity().wireName()
                    + " buckets; at most " + MAX_BUCKETS + ": choose a coarser granularity or a shorter range.");
        }
        List<RollupRow> rows = rollups.read(new RollupQuery(request.workspaceId(), request.from(), request.to(), request.granularity(),
                request.groupBy(), request.filters(), request.zone()));
        Map<Instant, Counts> total = new LinkedHashMap<>();
        Map<Map<Dimension, String>, Map<Instant, Counts>> byGroup = new LinkedHashMap<>();
        for (RollupRow row : rows) {
            total.merge(row.start(), row.counts(), Counts::plus);
            byGroup.computeIfAbsent(row.group(), g -> new LinkedHashMap<>()).merge(row.start(), row.counts(), Counts::plus);
        }
        if (!request.groupBy().isEmpty() && byGroup.size() > MAX_GROUPS) {
            throw new KpiRequestException("groupBy", "That is " + byGroup.size() + " groups; at most " + MAX_GROUPS
                    + ": filter by a value or group by fewer dimensions.");
        }
        List<KpiReport.Group> groups = new ArrayList<>();
        if (!request.groupBy().isEmpty()) {
            byGroup.forEach((key, series) -> groups.add(new KpiReport.Group(key, sum(series), filled(buckets, series))));
        }
        return new KpiReport(request, sum(total), filled(buckets, total), groups);
    }

    private static Counts sum(Map<Instant, Counts> series) {
        return series.values().stream().reduce(Counts.ZERO, Counts::plus);
    }

    private static List<KpiReport.Bucket> filled(List<Instant> buckets, Map<Instant, Counts> series) {
        return buckets.stream().map(start -> new KpiReport.Bucket(start, series.getOrDefault(start, Counts.ZERO))).toList();
    }

    /** Every bucket start from the one holding {@code from} to the last before {@code to}, in the request's zone. */
    static List<Instant> buckets(KpiRequest request) {
        List<Instant> starts = new ArrayList<>();
        Instant start = RollupQueryService.bucketStart(request.from(), request.granularity(), request.zone());
        while (start.isBefore(request.to()) && starts.size() <= MAX_BUCKETS) {
            starts.add(start);
            start = next(start, request.granularity(), request);
        }
        return starts;
    }

    private static Instant next(Instant start, Granularity granularity, KpiRequest request) {
        ZonedDateTime local = start.atZone(request.zone());
        return switch (granularity) {
            case HOUR -> start.plus(1, ChronoUnit.HOURS);
            case DAY -> local.plusDays(1).toInstant();
            case WEEK -> local.plusWeeks(1).toInstant();
            case MONTH -> local.plusMonths(1).toInstant();
        };
    }
}
