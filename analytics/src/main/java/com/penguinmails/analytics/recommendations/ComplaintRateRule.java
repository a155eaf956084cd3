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
 * Complaints near the Gmail/Yahoo lines over the last 7 days per sending domain, which is what those providers count
 * by: at or over 0.1 % is low impact (stay under it), at or over 0.3 % high (never reach it).
 */
public final class ComplaintRateRule implements RecommendationRule {

    private final RollupReader rollups;
    private final Thresholds thresholds;

    public ComplaintRateRule(RollupReader rollups, Thresholds thresholds) {
        this.rollups = rollups;
        this.thresholds = thresholds;
    }

    @Override
    public java.util.Set<RecommendationType> types() {
        return java.util.Set.of(RecommendationType.COMPLAINT);
    }

    @Override
    public List<Finding> findings(String workspaceId, Instant now) {
        List<Finding> findings = new ArrayList<>();
        WindowTotals.of(rollups, workspaceId, now, thresholds.window(), List.of(Dimension.DOMAIN), Map.of()).forEach((group, counts) -> {
            String domain = group.get(Dimension.DOMAIN);
            if (domain != null && !domain.isBlank()) {
                judge(domain, counts).ifPresent(findings::add);
            }
        });
        return findings;
    }

    private java.util.Optional<Finding> judge(String domain, Counts counts) {
        long sent = counts.get(Metric.SENT);
        double rate = Rate.COMPLAINT_RATE.of(counts).orElse(0);
        if (sent < thresholds.minSends() || rate < thresholds.complaintLow()) {
            return java.util.Optional.empty();
        }
        boolean high = rate >= thresholds.complaintHigh();
        double line = high ? thresholds.complaintHigh() : thresholds.complaintLow();
        String description = "Complaint rate of " + domain + " is " + WindowTotals.percent(rate) + " over the last "
                + thresholds.window().toDays() + " days (" + counts.get(Metric.COMPLAINED) + " of " + sent + " sends): "
                + (high ? "at or over " + WindowTotals.percent(line) + ", the Gmail/Yahoo line never to reach."
                : "at or over " + WindowTotals.percent(line) + ", the Gmail/Yahoo line to stay under.");
        return java.util.Optional.of(new Finding(RecommendationType.COMPLAINT, high ? Impact.HIGH : Impact.LOW, "domain:" + domain,
                description, new Evidence(Rate.COMPLAINT_RATE.wireName(), rate, line, WindowTotals.isoDays(thresholds.window()), sent),
                "Send only to people who asked for it, make the one-click unsubscribe easy to find, and slow down to the most engaged recipients until the rate falls."));
    }
}
