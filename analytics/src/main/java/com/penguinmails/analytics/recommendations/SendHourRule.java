package com.penguinmails.analytics.recommendations;

import com.penguinmails.analytics.Counts;
import com.penguinmails.analytics.Dimension;
import com.penguinmails.analytics.Rate;
import com.penguinmails.analytics.RollupReader;
import com.penguinmails.analytics.recommendations.Recommendation.Impact;
import com.penguinmails.analytics.stats.Significance;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * The best sending hours (UTC hour the mail was sent in) by unique open rate and by reply rate, over the last 28
 * days. Only when the hours differ by more than chance: a chi-square test of homogeneity over the hours with at least
 * the minimum sample. Without that, "send at 9" would be advice drawn from noise.
 */
public final class SendHourRule implements RecommendationRule {

    private static final int BEST_HOURS = 3;

    private final RollupReader rollups;
    private final Thresholds thresholds;

    public SendHourRule(RollupReader rollups, Thresholds thresholds) {
        this.rollups = rollups;
        this.thresholds = thresholds;
    }

    @Override
    public java.util.Set<RecommendationType> types() {
        return java.util.Set.of(RecommendationType.SEND_HOURS);
    }

    @Override
    public List<Finding> findings(String workspaceId, Instant now) {
        Map<Map<Dimension, String>, Counts> byHour = WindowTotals.of(rollups, workspaceId, now, thresholds.engagementWindow(),
                List.of(Dimension.SEND_HOUR), Map.of());
        List<Finding> findings = new ArrayList<>();
        for (Rate rate : List.of(Rate.UNIQUE_OPEN_RATE, Rate.REPLY_RATE)) {
            List<Significance.Arm> hours = new ArrayList<>();
            byHour.forEach((group, counts) -> {
                String hour = group.get(Dimension.SEND_HOUR);
                if (hour != null && rate.denominatorOf(counts) >= thresholds.minSends()) {
                    hours.add(Significance.Arm.of(hour, rate.numeratorOf(counts), rate.denominatorOf(counts)));
                }
            });
            if (hours.size() < 2) {
                continue;
            }
            Significance.Homogeneity test = Significance.homogeneity(hours.stream().mapToLong(Significance.Arm::successes).toArray(),
                    hours.stream().mapToLong(Significance.Arm::trials).toArray());
            if (!test.significant()) {
                continue;
            }
            List<Significance.Arm> ranked = hours.stream().sorted(Comparator.comparingDouble((Significance.Arm a) -> a.rate()).reversed()).toList();
            long trials = hours.stream().mapToLong(Significance.Arm::trials).sum();
            double overall = (double) hours.stream().mapToLong(Significance.Arm::successes).sum() / trials;
            Significance.Arm best = ranked.get(0);
            String top = ranked.stream().limit(BEST_HOURS).map(a -> a.name() + ":00 UTC (" + WindowTotals.percent(a.rate()) + ")")
                    .collect(Collectors.joining(", "));
            String description = "Mail sent at " + top + " does best on " + rate.wireName() + ", against "
                    + WindowTotals.percent(overall) + " over all " + hours.size() + " hours with enough sends in the last "
                    + thresholds.engagementWindow().toDays() + " days; the hours differ by more than chance (chi-square p = "
                    + String.format(java.util.Locale.ROOT, "%.4f", test.pValue()) + ").";
            findings.add(new Finding(RecommendationType.SEND_HOURS, Impact.LOW, "sendHour:" + rate.wireName(), description,
                    new Evidence(rate.wireName(), best.rate(), overall, WindowTotals.isoDays(thresholds.engagementWindow()), trials),
                    "Schedule sends (or the mailboxes' sending windows) around " + best.name() + ":00 UTC."));
        }
        return findings;
    }
}
