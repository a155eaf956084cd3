package com.penguinmails.analytics;

import java.util.Arrays;
import java.util.Optional;

/** The width of a KPI bucket. Hours and days are stored (UTC); weeks (ISO, Monday first) and months are sums of days. */
public enum Granularity {
    HOUR("hour"), DAY("day"), WEEK("week"), MONTH("month");

    private final String wireName;

    Granularity(String wireName) {
        this.wireName = wireName;
    }

    public String wireName() {
        return wireName;
    }

    public static Optional<Granularity> fromWire(String name) {
        return Arrays.stream(values()).filter(g -> g.wireName.equals(name)).findFirst();
    }
}
