package com.penguinmails.functions.analytics;

import com.penguinmails.analytics.Counts;
import com.penguinmails.analytics.Metric;
import com.penguinmails.analytics.Rate;
import com.penguinmails.analytics.recommendations.Evidence;
import com.penguinmails.analytics.recommendations.Recommendation;
import com.penguinmails.analytics.recommendations.RecommendationService;
import com.penguinmails.analytics.stats.Significance;
import com.penguinmails.analytics.variants.VariantArm;
import com.penguinmails.analytics.variants.VariantReport;
import com.penguinmails.analytics.variants.VariantService;
import com.penguinmails.analytics.wiring.RecommendationsWiring;
import com.penguinmails.core.platform.Platform;
import com.penguinmails.core.problems.ApiProblem;
import com.penguinmails.functions.http.ApiRequest;
import com.penguinmails.functions.http.ApiResponse;
import com.penguinmails.functions.http.HttpApiHandler;
import com.penguinmails.functions.http.Routes;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;

/**
 * {@code GET /v1/analytics/recommendations?status=&impact=&type=}: the workspace's advice with its evidence, and
 * {@code GET /v1/analytics/variants?campaignId=} or {@code ?tag=a,b}: per-variant (or per-tag) results, each arm
 * against the best with a significance test, "too early" under 200 sends, a winner only when significant.
 */
public final class RecommendationsHandler extends HttpApiHandler {

    /** The window variants are compared over when no {@code from} is given: long enough for a campaign's life. */
    static final Duration DEFAULT_VARIANT_WINDOW = Duration.ofDays(30);
    static final Duration MAX_VARIANT_WINDOW = Duration.ofDays(400);

    private static final Set<String> RECOMMENDATION_PARAMETERS = Set.of("status", "impact", "type");
    private static final Set<String> VARIANT_PARAMETERS = Set.of("campaignId", "step", "tag", "metric", "from", "to");

    private final RecommendationService recommendations;
    private final VariantService variants;
    private final Clock clock;

    public RecommendationsHandler() {
        this(Platform.fromEnvironment());
    }

    public RecommendationsHandler(Platform platform) {
        super(platform);
        this.recommendations = RecommendationsWiring.service(platform);
        this.variants = RecommendationsWiring.variants(platform);
        this.clock = platform.clock();
    }

    public static final Routes<RecommendationsHandler> ROUTES = Routes.of(
            Map.entry("GET /v1/analytics/recommendations", RecommendationsHandler::recommendations),
            Map.entry("GET /v1/analytics/variants", RecommendationsHandler::variants));

    @Override
    protected ApiResponse route(ApiRequest request) {
        return ROUTES.serve(this, request);
    }

    record EvidenceView(String metric, double observed, double threshold, String window, long sampleSize) {}

    record RecommendationView(String id, String type, String impact, String status, String resource, String description,
                              Instant createdAt, Instant updatedAt, Instant fixedAt, EvidenceView evidence, String action) {}

    record RecommendationList(List<RecommendationView> items) {}

    private ApiResponse recommendations(ApiRequest request) {
        requireKnown(request, RECOMMENDATION_PARAMETERS);
        List<Recommendation> found = recommendations.list(request.principal().workspaceId(), request.query("status"),
                request.query("impact"), request.query("type"));
        return ApiResponse.ok(new RecommendationList(found.stream().map(RecommendationsHandler::view).toList()));
    }

    static RecommendationView view(Recommendation r) {
        Evidence e = r.evidence();
        return new RecommendationView(r.id(), r.type().wireName(), r.impact().wireName(), r.status().wireName(), r.resource(),
                r.description(), r.createdAt(), r.updatedAt(), r.fixedAt(),
                new EvidenceView(e.metric(), round(e.observed()), round(e.threshold()), e.window(), e.sampleSize()), r.action());
    }

    record VsBestView(double difference, double low95, double high95, double pValue, boolean significant) {}

    record RateStandingView(Double value, String numerator, String denominator, boolean best, VsBestView vsBest) {}

    record ArmView(String name, long sent, long delivered, long uniqueOpens, long uniqueClicks, long replies, boolean tooEarly,
                   Map<String, RateStandingView> rates) {}

    record VerdictView(String winner, String verdict, double homogeneityPValue) {}

    record VariantsView(String armsBy, String campaignId, Instant from, Instant to, int minSendsPerArm, String metric, String winner,
                        List<ArmView> arms, Map<String, VerdictView> verdicts) {}

    private ApiResponse variants(ApiRequest request) {
        requireKnown(request, VARIANT_PARAMETERS);
        String campaignId = blankToNull(request.query("campaignId"));
        String tags = blankToNull(request.query("tag"));
        if ((campaignId == null) == (tags == null)) {
            throw ApiProblem.invalidField("campaignId", "Give either campaignId (its variants are compared) or tag=a,b (those tags are compared), not both or neither.");
        }
        if (blankToNull(request.query("step")) != null) {
            // Counters are kept by campaign+variant and campaign+step, not by all three: a step's variants cannot be told apart.
            throw ApiProblem.invalidField("step", "Variants are counted per campaign, not per step: ask with campaignId alone, "
                    + "or give each step's variants names of their own (step-2-a, step-2-b).");
        }
        Rate metric = metric(request.query("metric"));
        Instant to = time(request, "to");
        to = to == null ? clock.instant() : to;
        Instant from = time(request, "from");
        from = from == null ? to.minus(DEFAULT_VARIANT_WINDOW) : from;
        if (!from.isBefore(to)) {
            throw ApiProblem.invalidField("from", "from must be before to.");
        }
        if (Duration.between(from, to).compareTo(MAX_VARIANT_WINDOW) > 0) {
            throw ApiProblem.invalidField("from", "The range may span at most " + MAX_VARIANT_WINDOW.toDays() + " days (the roll-ups' retention).");
        }
        String workspaceId = request.principal().workspaceId();
        VariantReport report;
        if (campaignId != null) {
            report = variants.byCampaign(workspaceId, campaignId, from, to, metric);
        } else {
            List<String> names = Arrays.stream(tags.split(",")).map(String::strip).filter(t -> !t.isEmpty()).distinct().toList();
            if (names.size() < 2 || names.size() > 20) {
                throw ApiProblem.invalidField("tag", "Name 2 to 20 tags to compare, comma-separated: tag=spring-a,spring-b.");
            }
            report = variants.byTags(workspaceId, names, from, to, metric);
        }
        return ApiResponse.ok(view(report));
    }

    static VariantsView view(VariantReport report) {
        List<ArmView> arms = report.arms().stream().map(RecommendationsHandler::arm).toList();
        Map<String, VerdictView> verdicts = new LinkedHashMap<>();
        for (Rate rate : VariantService.COMPARED) {
            VariantReport.Verdict verdict = report.verdicts().get(rate);
            verdicts.put(rate.wireName(), new VerdictView(verdict.winner().orElse(null), verdict.verdict(), round(verdict.pValue())));
        }
        return new VariantsView(report.armsBy(), report.campaignId(), report.from(), report.to(), (int) Significance.MIN_TRIALS,
                report.decidingRate().wireName(), report.winner().orElse(null), arms, verdicts);
    }

    private static ArmView arm(VariantArm arm) {
        Counts c = arm.counts();
        Map<String, RateStandingView> rates = new LinkedHashMap<>();
        for (Rate rate : VariantService.COMPARED) {
            VariantArm.Standing standing = arm.standings().get(rate);
            VsBestView vsBest = standing == null ? null : standing.vsBest().map(t -> new VsBestView(round(t.difference()), round(t.low95()),
                    round(t.high95()), round(t.pValue()), standing.significant())).orElse(null);
            rates.put(rate.wireName(), new RateStandingView(standing == null ? null : standing.rate().map(RecommendationsHandler::round).orElse(null),
                    rate.numeratorName(), rate.denominatorName(), standing != null && standing.best(), vsBest));
        }
        return new ArmView(arm.name(), c.get(Metric.SENT), c.get(Metric.DELIVERED), c.get(Metric.UNIQUE_OPENED), c.get(Metric.UNIQUE_CLICKED),
                c.get(Metric.REPLIED), arm.tooEarly(), rates);
    }

    private static Rate metric(String value) {
        if (blankToNull(value) == null) {
            return Rate.REPLY_RATE;
        }
        return VariantService.COMPARED.stream().filter(r -> r.wireName().equals(value.strip())).findFirst()
                .orElseThrow(() -> ApiProblem.invalidField("metric", "Unknown metric '" + value + "'. Valid: "
                        + VariantService.COMPARED.stream().map(Rate::wireName).collect(Collectors.joining(", ")) + "."));
    }

    private static void requireKnown(ApiRequest request, Set<String> known) {
        for (String name : request.queryParameters().keySet()) {
            if (!known.contains(name)) {
                throw new ApiProblem(400, "unknown-parameter", "Bad Request", "Unknown query parameter '" + name + "'. Known: "
                        + String.join(", ", new TreeSet<>(known)) + ".", Map.of("field", name), Map.of());
            }
        }
    }

    private static Instant time(ApiRequest request, String name) {
        String value = blankToNull(request.query(name));
        if (value == null) {
            return null;
        }
        try {
            return value.length() == 10 ? java.time.LocalDate.parse(value).atStartOfDay(java.time.ZoneOffset.UTC).toInstant()
                    : OffsetDateTime.parse(value).toInstant();
        } catch (DateTimeParseException e) {
            throw ApiProblem.invalidField(name, name + " is an ISO-8601 time such as 2026-11-25T00:00:00Z, or a date such as 2026-11-25 (UTC).");
        }
    }

    private static double round(double value) {
        return Double.isFinite(value) ? Math.round(value * 1_000_000d) / 1_000_000d : 0;
    }

    private static String blankToNull(String value) {
        return value == null || value.isBlank() ? null : value;
    }
}
