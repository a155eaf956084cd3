package com.penguinmails.analytics.recommendations;

import com.penguinmails.analytics.recommendations.Recommendation.Impact;
import com.penguinmails.analytics.recommendations.Recommendation.Status;
import com.penguinmails.core.problems.ApiProblem;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.function.Function;

/**
 * The workspace's recommendations for the API, filtered by status, impact and type: open before fixed, high before
 * low, the most recently updated first. A filter value we do not know is a 400 naming the valid ones.
 */
public final class RecommendationService {

    private static final Comparator<Recommendation> ORDER = Comparator.comparing(Recommendation::status)
            .thenComparing(Recommendation::impact)
            .thenComparing(Recommendation::updatedAt, Comparator.reverseOrder())
            .thenComparing(Recommendation::id);

    private final RecommendationStore store;

    public RecommendationService(RecommendationStore store) {
        this.store = store;
    }

    public List<Recommendation> list(String workspaceId, String status, String impact, String type) {
        Optional<Status> wantedStatus = parse("status", status, Status::fromWire, Status.wireNames());
        Optional<Impact> wantedImpact = parse("impact", impact, Impact::fromWire, Impact.wireNames());
        Optional<RecommendationType> wantedType = parse("type", type, RecommendationType::fromWire, RecommendationType.wireNames());
        return store.list(workspaceId).stream()
                .filter(r -> wantedStatus.map(s -> r.status() == s).orElse(true))
                .filter(r -> wantedImpact.map(i -> r.impact() == i).orElse(true))
                .filter(r -> wantedType.map(t -> r.type() == t).orElse(true))
                .sorted(ORDER)
                .toList();
    }

    private static <T> Optional<T> parse(String field, String value, Function<String, Optional<T>> fromWire, String valid) {
        if (value == null || value.isBlank()) {
            return Optional.empty();
        }
        return Optional.of(fromWire.apply(value).orElseThrow(() -> ApiProblem.invalidField(field,
                "Unknown " + field + " '" + value + "'. Valid: " + valid + ".")));
    }
}
