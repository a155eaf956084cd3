package com.penguinmails.analytics.recommendations;

import com.penguinmails.analytics.Counts;
import com.penguinmails.analytics.Dimension;
import com.penguinmails.analytics.Metric;
import com.penguinmails.analytics.Rate;
import com.penguinmails.analytics.RollupReader;
import com.penguinmails.analytics.recommendations.Recommendation.Impact;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Hard bounces at or over the "under review" line over the last 7 days, per sending domain and per campaign. Hard
 * bounces, not soft: soft ones (mailbox full, throttled) are retried, and the ESPs' review and pause lines are on
 * permanent bounces, which come from addresses that do not exist: the list needs cleaning.
 */
public final class BounceRateRule implements RecommendationRule {

    private final RollupReader rollups;
    private final Thresholds thresholds;

    public BounceRateRule(RollupReader rollups, Thresholds thresholds) {
        this.rollups = rollups;
        this.thresholds = thresholds;
    }

    @Override
    public java.util.Set<RecommendationType> types() {
        return java.util.Set.of(RecommendationType.BOUNCE);
    }

    @Override
    public List<Finding> findings(String workspaceId, Instant now) {
        List<Finding> findings = new ArrayList<>();
        for (Dimension dimension : List.of(Dimension.DOMAIN, Dimension.CAMPAIGN)) {
            WindowTotals.of(rollups, workspaceId, now, thresholds.window(), List.of(dimension), Map.of()).forEach((group, counts) -> {
                String value = group.get(dimension);
                if (value != null && !value.isBlank()) {
                    judge(dimension, value, counts).ifPresent(findings::add);
                }
            });
        }
        return findings;
    }

    private java.util.Optional<Finding> judge(Dimension dimension, String value, Counts counts) {
        long sent = counts.get(Metric.SENT);
        double rate = Rate.HARD_BOUNCE_RATE.of(counts).orElse(0);
        if (sent < thresholds.minSends() || rate < thresholds.hardBounceWarn()) {
            return java.util.Optional.empty();
        }
        boolean pause = rate >= thresholds.hardBouncePause();
        String resource = dimension.wireName() + ":" + value;
        String description = "Hard-bounce rate of " + dimension.wireName() + " " + value + " is " + WindowTotals.percent(rate)
                + " over the last " + thresholds.window().toDays() + " days (" + counts.get(Metric.BOUNCED_HARD) + " of " + sent
                + " sends): " + (pause ? "at or over the " + WindowTotals.percent(thresholds.hardBouncePause()) + " line where providers pause sending."
                : "over the " + WindowTotals.percent(thresholds.hardBounceWarn()) + " line where providers put a sender under review.");
        return java.util.Optional.of(new Finding(RecommendationType.BOUNCE, Impact.HIGH, resource, description,
                new Evidence(Rate.HARD_BOUNCE_RATE.wireName(), rate, pause ? thresholds.hardBouncePause() : thresholds.hardBounceWarn(),
                        WindowTotals.isoDays(thresholds.window()), sent),
                "Clean the list: remove addresses that bounced, verify addresses before sending, and stop buying or scraping lists."));
    }
}
