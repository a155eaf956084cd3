package com.penguinmails.analytics.recommendations;

import java.time.Instant;
import java.util.List;
import java.util.Set;

/** One kind of check: what it finds in a workspace now. A rule that finds nothing returns an empty list. */
public interface RecommendationRule {

    /** The types its findings have: when the rule fails, the evaluator leaves recommendations of these alone. */
    Set<RecommendationType> types();

    List<Finding> findings(String workspaceId, Instant now);
}
