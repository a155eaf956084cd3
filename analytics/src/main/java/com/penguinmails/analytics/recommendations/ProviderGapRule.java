package com.penguinmails.analytics.recommendations;

import com.penguinmails.analytics.Counts;
import com.penguinmails.analytics.Dimension;
import com.penguinmails.analytics.Rate;
import com.penguinmails.analytics.RollupReader;
import com.penguinmails.analytics.recommendations.Recommendation.Impact;
import com.penguinmails.analytics.stats.Significance;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * One recipient mailbox provider far below the others over the last 7 days, by deliverability (delivered / sent)
 * or by inbox placement of the warmup mail (inbox / placed): its rate is significantly below the rest taken together
 * (two-proportion z-test) and by at least the set gap. Both sides need the minimum sample. One provider alone below
 * the others points at something that provider checks: authentication, or reputation with it.
 */
public final class ProviderGapRule implements RecommendationRule {

    private final RollupReader rollups;
    private final Thresholds thresholds;

    public ProviderGapRule(RollupReader rollups, Thresholds thresholds) {
        this.rollups = rollups;
        this.thresholds = thresholds;
    }

    @Override
    public java.util.Set<RecommendationType> types() {
        return java.util.Set.of(RecommendationType.PROVIDER_DELIVERY, RecommendationType.PROVIDER_PLACEMENT);
    }

    @Override
    public List<Finding> findings(String workspaceId, Instant now) {
        Map<Map<Dimension, String>, Counts> byProvider = WindowTotals.of(rollups, workspaceId, now, thresholds.window(),
                List.of(Dimension.PROVIDER), Map.of());
        Counts all = byProvider.values().stream().reduce(Counts.ZERO, Counts::plus);
        List<Finding> findings = new ArrayList<>();
        byProvider.forEach((group, counts) -> {
            String provider = group.get(Dimension.PROVIDER);
            if (provider == null || provider.isBlank()) {
                return;
            }
            judge(RecommendationType.PROVIDER_DELIVERY, Rate.DELIVERABILITY, provider, counts, all, "deliverability",
                    "Check SPF, DKIM and DMARC pass and align with the From domain, read " + provider
                            + "'s bounce messages for the reason, and slow down to " + provider + " while it recovers.")
                    .ifPresent(findings::add);
            judge(RecommendationType.PROVIDER_PLACEMENT, Rate.INBOX_PLACEMENT_RATE, provider, counts, all, "inbox placement",
                    "Check authentication and content for " + provider + " (its postmaster tools where it has them), keep warming "
                            + "with engaged recipients, and lower volume to " + provider + " until placement recovers.")
                    .ifPresent(findings::add);
        });
        return findings;
    }

    private java.util.Optional<Finding> judge(RecommendationType type, Rate rate, String provider, Counts counts, Counts all,
                                              String what, String action) {
        long successes = rate.numeratorOf(counts);
        long trials = rate.denominatorOf(counts);
        long otherSuccesses = rate.numeratorOf(all) - successes;
        long otherTrials = rate.denominatorOf(all) - trials;
        if (trials < thresholds.minSends() || otherTrials < thresholds.minSends()) {
            return java.util.Optional.empty();
        }
        Significance.Arm mine = Significance.Arm.of(provider, successes, trials);
        Significance.Arm rest = Significance.Arm.of("others", otherSuccesses, otherTrials);
        Significance.TwoProportions test = Significance.twoProportions(mine.successes(), mine.trials(), rest.successes(), rest.trials());
        if (!test.significant() || test.difference() > -thresholds.providerGap()) {
            return java.util.Optional.empty();
        }
        String description = "The " + what + " of mail to " + provider + " is " + WindowTotals.percent(test.rateA()) + " against "
                + WindowTotals.percent(test.rateB()) + " for the other providers over the last " + thresholds.window().toDays()
                + " days (" + trials + " against " + otherTrials + ", p = " + String.format(java.util.Locale.ROOT, "%.4f", test.pValue())
                + "): an authentication or placement problem with " + provider + ".";
        return java.util.Optional.of(new Finding(type, Impact.HIGH, "provider:" + provider, description,
                new Evidence(rate.wireName(), test.rateA(), test.rateB() - thresholds.providerGap(), WindowTotals.isoDays(thresholds.window()), trials),
                action));
    }
}
