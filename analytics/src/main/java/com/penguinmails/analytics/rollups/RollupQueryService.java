package com.penguinmails.analytics.rollups;

import com.penguinmails.analytics.Counts;
import com.penguinmails.analytics.Dimension;
import com.penguinmails.analytics.Granularity;
import com.penguinmails.analytics.RollupQuery;
import com.penguinmails.analytics.RollupReader;
import com.penguinmails.analytics.RollupRow;
import java.time.DayOfWeek;
import java.time.Instant;
import java.time.ZonedDateTime;
import java.time.temporal.ChronoUnit;
import java.time.temporal.TemporalAdjusters;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.EnumMap;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * Reads the hourly counters of the one dimension set a query needs (its group-by and filter dimensions together) and
 * sums them into the buckets asked for: one range read over the set's items of the period.
 */
public final class RollupQueryService implements RollupReader {

    private final CounterStore store;

    public RollupQueryService(CounterStore store) {
        this.store = store;
    }

    /** The set a query reads, or {@link UnkeptDimensionsException}. */
    public static DimensionSet setFor(List<Dimension> groupBy, Set<Dimension> filtered) {
        Set<Dimension> needed = EnumSet.noneOf(Dimension.class);
        needed.addAll(groupBy);
        needed.addAll(filtered);
        return DimensionSet.of(needed).orElseThrow(() -> new UnkeptDimensionsException(
                needed.stream().map(Dimension::wireName).collect(Collectors.joining("+"))));
    }

    @Override
    public List<RollupRow> read(RollupQuery query) {
        DimensionSet set = setFor(query.groupBy(), query.filters().keySet());
        Instant fromHour = query.from().truncatedTo(ChronoUnit.HOURS);
        Instant toHour = query.to().truncatedTo(ChronoUnit.HOURS);
        if (toHour.isBefore(query.to())) {
            toHour = toHour.plus(1, ChronoUnit.HOURS);
        }
        Map<Map<Dimension, String>, Map<Instant, Counts>> sums = new LinkedHashMap<>();
        for (HourPart part : store.parts(query.workspaceId(), set, fromHour, toHour)) {
            Instant bucket = bucketStart(part.hour(), query);
            part.values().forEach((key, counts) -> {
                if (matches(set, key, query.filters())) {
                    sums.computeIfAbsent(group(set, key, query.groupBy()), g -> new LinkedHashMap<>()).merge(bucket, counts, Counts::plus);
                }
            });
        }
        List<RollupRow> rows = new ArrayList<>();
        sums.forEach((group, buckets) -> buckets.forEach((start, counts) -> rows.add(new RollupRow(group, start, counts))));
        rows.sort(Comparator.comparing((RollupRow row) -> row.group().toString()).thenComparing(RollupRow::start));
        return rows;
    }

    private static boolean matches(DimensionSet set, List<String> key, Map<Dimension, String> filters) {
        for (Map.Entry<Dimension, String> filter : filters.entrySet()) {
            if (!key.get(set.dimensions().indexOf(filter.getKey())).equals(filter.getValue())) {
                return false;
            }
        }
        return true;
    }

    private static Map<Dimension, String> group(DimensionSet set, List<String> key, List<Dimension> groupBy) {
        Map<Dimension, String> group = new EnumMap<>(Dimension.class);
        for (Dimension dimension : groupBy) {
            group.put(dimension, key.get(set.dimensions().indexOf(dimension)));
        }
        return group;
    }

    /** Where the bucket holding {@code hour} begins, in the query's zone. */
    public static Instant bucketStart(Instant hour, RollupQuery query) {
        return bucketStart(hour, query.granularity(), query.zone());
    }

    public static Instant bucketStart(Instant instant, Granularity granularity, java.time.ZoneId zone) {
        ZonedDateTime local = instant.atZone(zone);
        return switch (granularity) {
            case HOUR -> instant.truncatedTo(ChronoUnit.HOURS);
            case DAY -> local.truncatedTo(ChronoUnit.DAYS).toInstant();
            case WEEK -> local.truncatedTo(ChronoUnit.DAYS).with(TemporalAdjusters.previousOrSame(DayOfWeek.MONDAY)).toInstant();
            case MONTH -> local.truncatedTo(ChronoUnit.DAYS).withDayOfMonth(1).toInstant();
        };
    }
}
