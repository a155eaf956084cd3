package com.penguinmails.functions.analytics;

import com.penguinmails.analytics.Counts;
import com.penguinmails.analytics.Dimension;
import com.penguinmails.analytics.Granularity;
import com.penguinmails.analytics.Metric;
import com.penguinmails.analytics.Rate;
import com.penguinmails.analytics.kpis.KpiReport;
import com.penguinmails.analytics.kpis.KpiRequest;
import com.penguinmails.analytics.kpis.KpiRequestException;
import com.penguinmails.analytics.kpis.KpiService;
import com.penguinmails.analytics.rollups.RollupQueryService;
import com.penguinmails.analytics.rollups.UnkeptDimensionsException;
import com.penguinmails.analytics.wiring.RollupWiring;
import com.penguinmails.core.platform.Platform;
import com.penguinmails.core.problems.ApiProblem;
import com.penguinmails.functions.http.ApiRequest;
import com.penguinmails.functions.http.ApiResponse;
import com.penguinmails.functions.http.HttpApiHandler;
import com.penguinmails.functions.http.Routes;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.OptionalDouble;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * {@code GET /v1/analytics/placement}: inbox placement as the seed mailboxes saw it (warmup mail and placement test
 * copies, read over IMAP), per sending resource or domain and per receiving provider, over time. ESP dashboards count
 * "delivered"; this counts where delivered mail landed.
 */
public final class PlacementHandler extends HttpApiHandler {

    /** What placement can be grouped by: what a {@code placement.observed} event carries. */
    static final List<Dimension> GROUPINGS = List.of(Dimension.MAILBOX, Dimension.IP, Dimension.DOMAIN, Dimension.PROVIDER);

    private final KpiService kpis;
    private final Clock clock;

    public PlacementHandler() {
        this(Platform.fromEnvironment());
    }

    public PlacementHandler(Platform platform) {
        super(platform);
        this.kpis = new KpiService(RollupWiring.reader(platform));
        this.clock = platform.clock();
    }

    public static final Routes<PlacementHandler> ROUTES = Routes.of(Map.entry("GET /v1/analytics/placement", PlacementHandler::placement));

    /** {@code inboxPlacementRate} is inbox over everything observed, {@code spamRate} spam over the same; null when nothing was. */
    record Placement(long inbox, long spam, long other, long observed, Double inboxPlacementRate, Double spamRate) {}

    record BucketView(Instant start, Placement placement) {}

    record GroupView(Map<String, String> key, Placement placement, List<BucketView> series) {}

    record ReportView(Instant from, Instant to, String granularity, List<String> groupBy, String timeZone, Placement totals,
                      List<BucketView> series, List<GroupView> groups) {}

    @Override
    protected ApiResponse route(ApiRequest request) {
        return ROUTES.serve(this, request);
    }

    private ApiResponse placement(ApiRequest request) {
        AnalyticsParameters parameters = AnalyticsParameters.parse(request, Set.of());
        List<Dimension> groupBy = request.query("groupBy") == null ? List.of(Dimension.PROVIDER) : parameters.groupBy();
        for (Dimension dimension : groupBy) {
            if (!GROUPINGS.contains(dimension)) {
                throw ApiProblem.invalidField("groupBy", "Placement is grouped by " + GROUPINGS.stream().map(Dimension::wireName)
                        .collect(Collectors.joining(", ")) + " (or one of them with provider); not " + dimension.wireName() + ".");
            }
        }
        Instant to = parameters.to().orElse(clock.instant());
        Instant from = parameters.from().orElse(RollupQueryService.bucketStart(to.minus(KpiService.DEFAULT_RANGE).plus(Duration.ofDays(1)),
                Granularity.DAY, parameters.zone()));
        KpiReport report;
        try {
            report = kpis.report(new KpiRequest(request.principal().workspaceId(), from, to, parameters.granularity(), groupBy,
                    parameters.filters(), parameters.zone()));
        } catch (KpiRequestException e) {
            throw ApiProblem.invalidField(e.field(), e.getMessage());
        } catch (UnkeptDimensionsException e) {
            throw new ApiProblem(400, "unsupported-grouping", "Bad Request", e.getMessage(), Map.of("field", "groupBy"), Map.of());
        }
        List<GroupView> groups = report.groups().stream()
                .filter(g -> observed(g.counts()) > 0) // resources that sent no warmup mail would only be rows of nulls
                .map(g -> new GroupView(KpiViews.names(g.key()), placement(g.counts()), series(g.series()))).toList();
        return ApiResponse.ok(new ReportView(from, to, parameters.granularity().wireName(), groupBy.stream().map(Dimension::wireName).toList(),
                parameters.zone().getId(), placement(report.totals()), series(report.series()), groups));
    }

    private static List<BucketView> series(List<KpiReport.Bucket> buckets) {
        return buckets.stream().map(b -> new BucketView(b.start(), placement(b.counts()))).toList();
    }

    private static long observed(Counts counts) {
        return Rate.INBOX_PLACEMENT_RATE.denominatorOf(counts);
    }

    private static Placement placement(Counts counts) {
        long observed = observed(counts);
        long spam = counts.get(Metric.PLACED_SPAM);
        OptionalDouble inboxRate = Rate.INBOX_PLACEMENT_RATE.of(counts);
        return new Placement(counts.get(Metric.PLACED_INBOX), spam, counts.get(Metric.PLACED_OTHER), observed,
                inboxRate.isPresent() ? KpiViews.round(inboxRate.getAsDouble()) : null, observed == 0 ? null : KpiViews.round((double) spam / observed));
    }
}
