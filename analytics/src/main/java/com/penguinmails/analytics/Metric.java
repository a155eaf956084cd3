package com.penguinmails.analytics;

import java.util.Arrays;
import java.util.Optional;
import java.util.stream.Collectors;

/**
 * What the roll-ups count. Opens and clicks are human ones: opens and clicks a machine made (a privacy proxy that
 * fetches every image on delivery, a security scanner that follows every link) are counted apart, since they say
 * nothing about the reader and inflate the rates peers report.
 */
public enum Metric {
    SENT("sent"),
    DELIVERED("delivered"),
    DEFERRED("deferred"),
    BOUNCED_HARD("bouncedHard"),
    BOUNCED_SOFT("bouncedSoft"),
    FAILED("failed"),
    COMPLAINED("complaints"),
    OPENED("opens"),
    UNIQUE_OPENED("uniqueOpens"),
    MACHINE_OPENED("machineOpens"),
    CLICKED("clicks"),
    UNIQUE_CLICKED("uniqueClicks"),
    MACHINE_CLICKED("machineClicks"),
    REPLIED("replies"),
    UNSUBSCRIBED("unsubscribes"),
    CONNECTED("connections"),
    MEETINGS("meetings"),
    PLACED_INBOX("placedInbox"),
    PLACED_SPAM("placedSpam"),
    PLACED_OTHER("placedOther");

    private final String wireName;

    Metric(String wireName) {
        this.wireName = wireName;
    }

    public String wireName() {
        return wireName;
    }

    public static Optional<Metric> fromWire(String name) {
        return Arrays.stream(values()).filter(m -> m.wireName.equals(name)).findFirst();
    }

    public static String wireNames() {
        return Arrays.stream(values()).map(Metric::wireName).collect(Collectors.joining(", "));
    }
}
