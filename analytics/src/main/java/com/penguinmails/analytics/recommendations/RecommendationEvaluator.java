package com.penguinmails.analytics.recommendations;

import com.penguinmails.analytics.recommendations.Recommendation.Status;
import java.time.Clock;
import java.time.Instant;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Runs every rule over a workspace and brings its stored recommendations in line with what they find: a new finding
 * opens one (createdAt), one found again is refreshed (updatedAt, evidence, impact, description), one no longer found
 * is fixed (fixedAt; both times kept), and a fixed one found again reopens. A rule that fails is logged and its
 * recommendations left as they are: a failed read must not mark them all fixed. A write that lost a race with another
 * evaluation is left to that one.
 */
public final class RecommendationEvaluator {

    private static final Logger LOG = LoggerFactory.getLogger(RecommendationEvaluator.class);

    /** What one evaluation changed. */
    public record Outcome(int opened, int refreshed, int fixed, int reopened, int unchanged, int failedRules, int lostRaces) {
    }

    private final List<RecommendationRule> rules;
    private final RecommendationStore store;
    private final Clock clock;

    public RecommendationEvaluator(List<RecommendationRule> rules, RecommendationStore store, Clock clock) {
        this.rules = List.copyOf(rules);
        this.store = store;
        this.clock = clock;
    }

    public Outcome evaluate(String workspaceId) {
        Instant now = clock.instant();
        Map<String, Finding> found = new LinkedHashMap<>();
        java.util.Set<RecommendationType> unknown = java.util.EnumSet.noneOf(RecommendationType.class);
        int failedRules = 0;
        for (RecommendationRule rule : rules) {
            try {
                for (Finding finding : rule.findings(workspaceId, now)) {
                    found.put(finding.id(), finding);
                }
            } catch (RuntimeException e) {
                failedRules++;
                unknown.addAll(rule.types());
                LOG.warn("recommendations: rule {} failed for workspace {}; its recommendations stay as they were",
                        rule.getClass().getSimpleName(), workspaceId, e);
            }
        }
        Map<String, Recommendation> stored = new HashMap<>();
        for (Recommendation recommendation : store.list(workspaceId)) {
            stored.put(recommendation.id(), recommendation);
        }
        int opened = 0;
        int refreshed = 0;
        int fixed = 0;
        int reopened = 0;
        int unchanged = 0;
        int lostRaces = 0;
        for (Finding finding : found.values()) {
            Recommendation before = stored.get(finding.id());
            Recommendation after;
            if (before == null) {
                after = Recommendation.builder().from(finding).workspaceId(workspaceId).status(Status.OPEN).createdAt(now).updatedAt(now).build();
                opened++;
            } else if (before.isOpen()) {
                after = before.toBuilder().from(finding).updatedAt(now).build();
                refreshed++;
            } else {
                after = before.toBuilder().from(finding).status(Status.OPEN).updatedAt(now).build();
                reopened++;
            }
            if (!save(after, before)) {
                lostRaces++;
            }
        }
        for (Recommendation before : stored.values()) {
            if (found.containsKey(before.id())) {
                continue;
            }
            if (!before.isOpen() || unknown.contains(before.type())) {
                unchanged++;
                continue;
            }
            if (save(before.toBuilder().status(Status.FIXED).fixedAt(now).updatedAt(now).build(), before)) {
                fixed++;
            } else {
                lostRaces++;
            }
        }
        return new Outcome(opened, refreshed, fixed, reopened, unchanged, failedRules, lostRaces);
    }

    private boolean save(Recommendation after, Recommendation before) {
        long expected = before == null ? 0 : before.version();
        return store.save(after.toBuilder().version(expected + 1).build(), expected);
    }
}
