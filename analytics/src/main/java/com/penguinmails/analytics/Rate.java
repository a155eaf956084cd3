package com.penguinmails.analytics;

import static com.penguinmails.analytics.Metric.BOUNCED_HARD;
import static com.penguinmails.analytics.Metric.BOUNCED_SOFT;
import static com.penguinmails.analytics.Metric.COMPLAINED;
import static com.penguinmails.analytics.Metric.DELIVERED;
import static com.penguinmails.analytics.Metric.MACHINE_OPENED;
import static com.penguinmails.analytics.Metric.OPENED;
import static com.penguinmails.analytics.Metric.PLACED_INBOX;
import static com.penguinmails.analytics.Metric.PLACED_OTHER;
import static com.penguinmails.analytics.Metric.PLACED_SPAM;
import static com.penguinmails.analytics.Metric.REPLIED;
import static com.penguinmails.analytics.Metric.SENT;
import static com.penguinmails.analytics.Metric.UNIQUE_CLICKED;
import static com.penguinmails.analytics.Metric.UNIQUE_OPENED;
import static com.penguinmails.analytics.Metric.UNSUBSCRIBED;

import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.OptionalDouble;
import java.util.stream.Collectors;

/**
 * A ratio of counters, with its numerator and denominator named so a reader knows what was divided by what (peers
 * differ: SendGrid divides opens by delivered, some cold-email tools by sent). Complaints and bounces are over sent,
 * as the pause lines of the sending side and the Gmail/Yahoo complaint lines are.
 */
public enum Rate {
    DELIVERABILITY("deliverability", List.of(DELIVERED), List.of(SENT)),
    BOUNCE_RATE("bounceRate", List.of(BOUNCED_HARD, BOUNCED_SOFT), List.of(SENT)),
    HARD_BOUNCE_RATE("hardBounceRate", List.of(BOUNCED_HARD), List.of(SENT)),
    COMPLAINT_RATE("complaintRate", List.of(COMPLAINED), List.of(SENT)),
    UNIQUE_OPEN_RATE("uniqueOpenRate", List.of(UNIQUE_OPENED), List.of(DELIVERED)),
    UNIQUE_CLICK_RATE("uniqueClickRate", List.of(UNIQUE_CLICKED), List.of(DELIVERED)),
    CLICK_TO_OPEN_RATE("clickToOpenRate", List.of(UNIQUE_CLICKED), List.of(UNIQUE_OPENED)),
    UNSUBSCRIBE_RATE("unsubscribeRate", List.of(UNSUBSCRIBED), List.of(DELIVERED)),
    REPLY_RATE("replyRate", List.of(REPLIED), List.of(SENT)),
    MACHINE_OPEN_SHARE("machineOpenShare", List.of(MACHINE_OPENED), List.of(OPENED, MACHINE_OPENED)),
    INBOX_PLACEMENT_RATE("inboxPlacementRate", List.of(PLACED_INBOX), List.of(PLACED_INBOX, PLACED_SPAM, PLACED_OTHER));

    private final String wireName;
    private final List<Metric> numerator;
    private final List<Metric> denominator;

    Rate(String wireName, List<Metric> numerator, List<Metric> denominator) {
        this.wireName = wireName;
        this.numerator = numerator;
        this.denominator = denominator;
    }

    public String wireName() {
        return wireName;
    }

    public List<Metric> numerator() {
        return numerator;
    }

    public List<Metric> denominator() {
        return denominator;
    }

    public long numeratorOf(Counts counts) {
        return numerator.stream().mapToLong(counts::get).sum();
    }

    public long denominatorOf(Counts counts) {
        return denominator.stream().mapToLong(counts::get).sum();
    }

    /** Empty when nothing was counted below the line: no rate, rather than a zero that reads as a fact. */
    public OptionalDouble of(Counts counts) {
        long below = denominatorOf(counts);
        return below == 0 ? OptionalDouble.empty() : OptionalDouble.of((double) numeratorOf(counts) / below);
    }

    /** "delivered" or "placedInbox+placedSpam+placedOther". */
    public String numeratorName() {
        return names(numerator);
    }

    public String denominatorName() {
        return names(denominator);
    }

    private static String names(List<Metric> metrics) {
        return metrics.stream().map(Metric::wireName).collect(Collectors.joining("+"));
    }

    public static Optional<Rate> fromWire(String name) {
        return Arrays.stream(values()).filter(r -> r.wireName.equals(name)).findFirst();
    }

    public static String wireNames() {
        return Arrays.stream(values()).map(Rate::wireName).collect(Collectors.joining(", "));
    }
}
