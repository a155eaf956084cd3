package com.penguinmails.analytics.variants;

import com.penguinmails.analytics.Counts;
import com.penguinmails.analytics.Dimension;
import com.penguinmails.analytics.Granularity;
import com.penguinmails.analytics.Metric;
import com.penguinmails.analytics.Rate;
import com.penguinmails.analytics.RollupQuery;
import com.penguinmails.analytics.RollupReader;
import com.penguinmails.analytics.RollupRow;
import com.penguinmails.analytics.stats.Significance;
import com.penguinmails.analytics.stats.Significance.Arm;
import com.penguinmails.analytics.stats.Significance.ArmResult;
import com.penguinmails.analytics.stats.Significance.Comparison;
import java.time.Instant;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalDouble;

/**
 * Per-variant (or per-tag) results with a significance test: each arm's sends, unique opens, unique clicks and
 * replies, each rate against the best arm's, "too early" under 200 sends, and a winner only when the lead is
 * significant. Reads the roll-ups' campaign+variant counters, or the tag counters.
 */
public final class VariantService {

    /** The rates compared, in the order a report lists them. */
    public static final List<Rate> COMPARED = List.of(Rate.REPLY_RATE, Rate.UNIQUE_CLICK_RATE, Rate.UNIQUE_OPEN_RATE);

    private final RollupReader rollups;

    public VariantService(RollupReader rollups) {
        this.rollups = rollups;
    }

    public VariantReport byCampaign(String workspaceId, String campaignId, Instant from, Instant to, Rate decidingRate) {
        Map<String, Counts> arms = sum(rollups.read(new RollupQuery(workspaceId, from, to, Granularity.DAY,
                List.of(Dimension.CAMPAIGN, Dimension.VARIANT), Map.of(Dimension.CAMPAIGN, campaignId))), Dimension.VARIANT);
        return report("variant", campaignId, from, to, arms, decidingRate);
    }

    /** Every campaign that has variants in the window, each with its report. */
    public Map<String, VariantReport> byCampaigns(String workspaceId, Instant from, Instant to, Rate decidingRate) {
        Map<String, Map<String, Counts>> byCampaign = new LinkedHashMap<>();
        for (RollupRow row : rollups.read(new RollupQuery(workspaceId, from, to, Granularity.DAY,
                List.of(Dimension.CAMPAIGN, Dimension.VARIANT), Map.of()))) {
            String campaign = row.group().get(Dimension.CAMPAIGN);
            String variant = row.group().get(Dimension.VARIANT);
            if (campaign != null && !campaign.isBlank() && variant != null && !variant.isBlank()) {
                byCampaign.computeIfAbsent(campaign, c -> new LinkedHashMap<>()).merge(variant, row.counts(), Counts::plus);
            }
        }
        Map<String, VariantReport> reports = new LinkedHashMap<>();
        byCampaign.forEach((campaign, arms) -> reports.put(campaign, report("variant", campaign, from, to, arms, decidingRate)));
        return reports;
    }

    /** Tags as arms (how an A/B test is run before campaigns exist: each version of the mail carries its own tag). */
    public VariantReport byTags(String workspaceId, List<String> tags, Instant from, Instant to, Rate decidingRate) {
        Map<String, Counts> all = sum(rollups.read(new RollupQuery(workspaceId, from, to, Granularity.DAY, List.of(Dimension.TAG), Map.of())),
                Dimension.TAG);
        Map<String, Counts> arms = new LinkedHashMap<>();
        for (String tag : tags) {
            arms.put(tag, all.getOrDefault(tag, Counts.ZERO));
        }
        return report("tag", null, from, to, arms, decidingRate);
    }

    private static Map<String, Counts> sum(List<RollupRow> rows, Dimension arm) {
        Map<String, Counts> sums = new LinkedHashMap<>();
        for (RollupRow row : rows) {
            String name = row.group().get(arm);
            if (name != null && !name.isBlank()) {
                sums.merge(name, row.counts(), Counts::plus);
            }
        }
        return sums;
    }

    static VariantReport report(String armsBy, String campaignId, Instant from, Instant to, Map<String, Counts> counts, Rate decidingRate) {
        Map<String, Map<Rate, VariantArm.Standing>> standings = new HashMap<>();
        Map<Rate, VariantReport.Verdict> verdicts = new EnumMap<>(Rate.class);
        for (Rate rate : COMPARED) {
            List<Arm> arms = new ArrayList<>();
            counts.forEach((name, c) -> arms.add(Arm.of(name, rate.numeratorOf(c), rate.denominatorOf(c))));
            Comparison comparison = Significance.compare(arms);
            for (ArmResult result : comparison.arms()) {
                OptionalDouble value = rate.of(counts.get(result.arm().name()));
                standings.computeIfAbsent(result.arm().name(), n -> new EnumMap<>(Rate.class)).put(rate, new VariantArm.Standing(
                        value.isPresent() ? Optional.of(value.getAsDouble()) : Optional.empty(), result.best(), result.vsBest(),
                        result.significant()));
            }
            verdicts.put(rate, new VariantReport.Verdict(comparison.winner(), comparison.verdict(), comparison.homogeneity().pValue()));
        }
        List<VariantArm> arms = new ArrayList<>();
        counts.forEach((name, c) -> arms.add(new VariantArm(name, c, c.get(Metric.SENT) < Significance.MIN_TRIALS,
                standings.getOrDefault(name, Map.of()))));
        boolean anyTooEarly = arms.stream().anyMatch(VariantArm::tooEarly);
        VariantReport.Verdict deciding = verdicts.get(decidingRate);
        Optional<String> winner = anyTooEarly || deciding == null ? Optional.empty() : deciding.winner();
        return new VariantReport(armsBy, campaignId, from, to, arms, verdicts, decidingRate, winner);
    }
}
