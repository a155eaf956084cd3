package com.penguinmails.functions.analytics;

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
import com.penguinmails.analytics.Granularity;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * {@code GET /v1/analytics/kpis}: the workspace's counters and rates over a period (the last 7 days by default), in
 * buckets, optionally grouped and filtered by dimensions; CSV with {@code Accept: text/csv}.
 */
public final class KpisHandler extends HttpApiHandler {

    private final KpiService kpis;
    private final Clock clock;

    public KpisHandler() {
        this(Platform.fromEnvironment());
    }

    public KpisHandler(Platform platform) {
        super(platform);
        this.kpis = new KpiService(RollupWiring.reader(platform));
        this.clock = platform.clock();
    }

    public static final Routes<KpisHandler> ROUTES = Routes.of(Map.entry("GET /v1/analytics/kpis", KpisHandler::kpis));

    @Override
    protected ApiResponse route(ApiRequest request) {
        return ROUTES.serve(this, request);
    }

    private ApiResponse kpis(ApiRequest request) {
        AnalyticsParameters parameters = AnalyticsParameters.parse(request, Set.of());
        Instant to = parameters.to().orElse(clock.instant());
        // The last 7 days: today so far and the 6 whole days before it, in the asked zone.
        Instant from = parameters.from().orElse(RollupQueryService.bucketStart(to.minus(KpiService.DEFAULT_RANGE).plus(Duration.ofDays(1)),
                Granularity.DAY, parameters.zone()));
        KpiReport report;
        try {
            report = kpis.report(new KpiRequest(request.principal().workspaceId(), from, to, parameters.granularity(), parameters.groupBy(),
                    parameters.filters(), parameters.zone()));
        } catch (KpiRequestException e) {
            throw ApiProblem.invalidField(e.field(), e.getMessage());
        } catch (UnkeptDimensionsException e) {
            throw new ApiProblem(400, "unsupported-grouping", "Bad Request", e.getMessage(), Map.of("field", "groupBy"), Map.of());
        }
        String accept = request.header("accept");
        if (accept != null && accept.toLowerCase(Locale.ROOT).contains("text/csv")) {
            return new ApiResponse(200, Map.of("Content-Type", "text/csv; charset=utf-8"), KpiViews.csv(report));
        }
        return ApiResponse.ok(KpiViews.json(report));
    }
}
