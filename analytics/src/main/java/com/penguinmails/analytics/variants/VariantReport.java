package com.penguinmails.analytics.variants;

import com.penguinmails.analytics.Rate;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Arms compared over a window: by {@code armsBy} ("variant" of one campaign, or "tag"), each rate's verdict and
 * winner, and the {@code winner} by the rate asked for ({@code decidingRate}): present only when significant and
 * every arm has enough sends.
 */
public record VariantReport(String armsBy, String campaignId, Instant from, Instant to, List<VariantArm> arms,
                            Map<Rate, Verdict> verdicts, Rate decidingRate, Optional<String> winner) {

    public VariantReport {
        arms = List.copyOf(arms);
        verdicts = Map.copyOf(verdicts);
    }

    /** One rate's result: the winner when there is one, the verdict in words, and the homogeneity p-value. */
    public record Verdict(Optional<String> winner, String verdict, double pValue) {
    }
}
