package com.penguinmails.analytics.rollups;

import com.penguinmails.analytics.Dimension;
import java.util.ArrayList;
import java.util.Collection;
import java.util.EnumSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * The dimensions one family of counters is kept by: none (the workspace's totals), one, or one of a few pairs. Every
 * set is written on every event it applies to, so the list is short on purpose: each set costs a write per fold
 * window, and a query can only group or filter by a set that is kept (cross-products of everything would multiply
 * the writes). Dimensions are in {@link Dimension} order, so a set has one name.
 */
public record DimensionSet(List<Dimension> dimensions) {

    public static final DimensionSet TOTAL = new DimensionSet(List.of());

    /** Every set kept: the totals, each dimension alone, and the pairs a report needs. */
    public static final List<DimensionSet> KEPT = kept();

    public DimensionSet {
        dimensions = List.copyOf(dimensions);
    }

    private static List<DimensionSet> kept() {
        List<DimensionSet> sets = new ArrayList<>();
        sets.add(TOTAL);
        for (Dimension dimension : Dimension.values()) {
            sets.add(new DimensionSet(List.of(dimension)));
        }
        sets.add(pair(Dimension.CAMPAIGN, Dimension.STEP));
        sets.add(pair(Dimension.CAMPAIGN, Dimension.VARIANT));
        sets.add(pair(Dimension.CAMPAIGN, Dimension.PROVIDER));
        sets.add(pair(Dimension.DOMAIN, Dimension.PROVIDER));
        sets.add(pair(Dimension.IP, Dimension.PROVIDER));
        sets.add(pair(Dimension.MAILBOX, Dimension.PROVIDER));
        sets.add(pair(Dimension.CAMPAIGN, Dimension.SEND_HOUR));
        sets.add(pair(Dimension.CAMPAIGN, Dimension.CHANNEL));
        return List.copyOf(sets);
    }

    private static DimensionSet pair(Dimension first, Dimension second) {
        return new DimensionSet(List.of(first, second));
    }

    /** The kept set of exactly these dimensions, in any order. */
    public static Optional<DimensionSet> of(Collection<Dimension> dimensions) {
        Set<Dimension> wanted = enumSet(dimensions);
        return KEPT.stream().filter(set -> enumSet(set.dimensions).equals(wanted)).findFirst();
    }

    private static Set<Dimension> enumSet(Collection<Dimension> dimensions) {
        Set<Dimension> set = EnumSet.noneOf(Dimension.class);
        set.addAll(dimensions);
        return set;
    }

    /** {@code total}, {@code campaign}, {@code campaign+provider}: the name in storage keys and in error messages. */
    public String wireName() {
        return dimensions.isEmpty() ? "total" : dimensions.stream().map(Dimension::wireName).collect(Collectors.joining("+"));
    }

    public static String keptWireNames() {
        return KEPT.stream().map(DimensionSet::wireName).collect(Collectors.joining(", "));
    }

    public static Optional<DimensionSet> fromWire(String name) {
        return KEPT.stream().filter(set -> set.wireName().equals(name)).findFirst();
    }

    public boolean has(Dimension dimension) {
        return dimensions.contains(dimension);
    }
}
