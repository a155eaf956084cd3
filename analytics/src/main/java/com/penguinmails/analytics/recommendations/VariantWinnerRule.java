package com.penguinmails.analytics.recommendations;

import com.penguinmails.analytics.Rate;
import com.penguinmails.analytics.recommendations.Recommendation.Impact;
import com.penguinmails.analytics.variants.VariantArm;
import com.penguinmails.analytics.variants.VariantReport;
import com.penguinmails.analytics.variants.VariantService;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * A campaign variant that wins, only when its lead is significant and every variant has at least 200 sends: by
 * reply rate first (what a cold campaign is for), else unique click rate, else unique open rate.
 */
public final class VariantWinnerRule implements RecommendationRule {

    private final VariantService variants;
    private final Thresholds thresholds;

    public VariantWinnerRule(VariantService variants, Thresholds thresholds) {
        this.variants = variants;
        this.thresholds = thresholds;
    }

    @Override
    public java.util.Set<RecommendationType> types() {
        return java.util.Set.of(RecommendationType.VARIANT);
    }

    @Override
    public List<Finding> findings(String workspaceId, Instant now) {
        List<Finding> findings = new ArrayList<>();
        Instant from = now.minus(thresholds.engagementWindow());
        variants.byCampaigns(workspaceId, from, now, Rate.REPLY_RATE).forEach((campaign, report) -> {
            for (Rate rate : VariantService.COMPARED) {
                Optional<String> winner = report.arms().stream().anyMatch(VariantArm::tooEarly) ? Optional.empty()
                        : report.verdicts().get(rate).winner();
                if (winner.isPresent()) {
                    findings.add(finding(campaign, report, rate, winner.get()));
                    return;
                }
            }
        });
        return findings;
    }

    private Finding finding(String campaign, VariantReport report, Rate rate, String winner) {
        VariantArm best = report.arms().stream().filter(a -> a.name().equals(winner)).findFirst().orElseThrow();
        double bestRate = best.standings().get(rate).rate().orElse(0.0);
        double runnerUp = report.arms().stream().filter(a -> !a.name().equals(winner))
                .mapToDouble(a -> a.standings().get(rate).rate().orElse(0.0)).max().orElse(0);
        double pValue = report.arms().stream().filter(a -> !a.name().equals(winner))
                .map(a -> a.standings().get(rate).vsBest()).flatMap(Optional::stream).mapToDouble(t -> t.pValue()).max().orElse(1);
        long sends = report.arms().stream().mapToLong(a -> a.counts().get(com.penguinmails.analytics.Metric.SENT)).sum();
        String description = "Variant " + winner + " of campaign " + campaign + " wins on " + rate.wireName() + ": "
                + WindowTotals.percent(bestRate) + " against at most " + WindowTotals.percent(runnerUp) + " for the others (p <= "
                + String.format(java.util.Locale.ROOT, "%.4f", pValue) + " against each, " + report.arms().size()
                + " variants, " + sends + " sends over the last " + thresholds.engagementWindow().toDays() + " days).";
        return new Finding(RecommendationType.VARIANT, Impact.LOW, "campaign:" + campaign, description,
                new Evidence(rate.wireName(), bestRate, runnerUp, WindowTotals.isoDays(thresholds.engagementWindow()), sends),
                "Send the rest of campaign " + campaign + " with variant " + winner + ", and test a new challenger against it.");
    }
}
