package com.penguinmails.analytics.recommendations;

import java.util.Objects;

/** What a rule found now: a recommendation before the evaluator gives it times and a status. */
public record Finding(RecommendationType type, Recommendation.Impact impact, String resource, String description,
                      Evidence evidence, String action) {

    public Finding {
        Objects.requireNonNull(type, "type");
        Objects.requireNonNull(impact, "impact");
        Objects.requireNonNull(resource, "resource");
        Objects.requireNonNull(evidence, "evidence");
    }

    public String id() {
        return Recommendation.idFor(type, resource);
    }
}
