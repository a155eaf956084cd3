package com.penguinmails.functions.analytics;

import com.penguinmails.analytics.Dimension;
import com.penguinmails.analytics.Granularity;
import com.penguinmails.analytics.insights.ForecastService;
import com.penguinmails.analytics.insights.MetricSeries.Measure;
import com.penguinmails.analytics.insights.TrendService;
import com.penguinmails.analytics.stats.Forecast;
import com.penguinmails.analytics.stats.ForecastPoint;
import com.penguinmails.analytics.stats.InsufficientHistory;
import com.penguinmails.analytics.stats.TrendAnalysis.NotEnoughPoints;
import com.penguinmails.analytics.stats.TrendAnalysis.Slope;
import com.penguinmails.analytics.wiring.RollupWiring;
import com.penguinmails.core.platform.Platform;
import com.penguinmails.core.problems.ApiProblem;
import com.penguinmails.functions.http.ApiRequest;
import com.penguinmails.functions.http.ApiResponse;
import com.penguinmails.functions.http.HttpApiHandler;
import com.penguinmails.functions.http.Routes;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * {@code GET /v1/analytics/trends} and {@code GET /v1/analytics/forecast}: a metric's trend (moving average, period
 * change, slope, anomalies) and its daily forecast with deliverability-threshold crossings, from the roll-ups.
 */
public final class InsightsHandler extends HttpApiHandler {

    private static final Set<String> TREND_PARAMETERS = Set.of("metric", "from", "to", "granularity");
    private static final Set<String> FORECAST_PARAMETERS = Set.of("metric", "horizon");

    private final TrendService trends;
    private final ForecastService forecasts;

    public InsightsHandler() {
        this(Platform.fromEnvironment());
    }

    public InsightsHandler(Platform platform) {
        super(platform);
        var reader = RollupWiring.reader(platform);
        this.trends = new TrendService(reader, platform.clock());
        this.forecasts = new ForecastService(reader, platform.clock());
    }

    public static final Routes<InsightsHandler> ROUTES = Routes.of(
            Map.entry("GET /v1/analytics/trends", InsightsHandler::trends),
            Map.entry("GET /v1/analytics/forecast", InsightsHandler::forecast));

    @Override
    protected ApiResponse route(ApiRequest request) {
        return ROUTES.serve(this, request);
    }

    private ApiResponse trends(ApiRequest request) {
        Map<Dimension, String> filters = filters(request, TREND_PARAMETERS);
        Measure measure = measure(request);
        Instant from = time(request, "from");
        Instant to = time(request, "to");
        if (from != null && to != null && from.isAfter(to)) {
            throw ApiProblem.invalidField("from", "from must not be after to.");
        }
        String granularityName = blankToNull(request.query("granularity"));
        Granularity granularity = granularityName == null ? Granularity.DAY : Granularity.fromWire(granularityName)
                .orElseThrow(() -> ApiProblem.invalidField("granularity", "granularity must be one of: "
                        + Arrays.stream(Granularity.values()).map(Granularity::wireName).collect(Collectors.joining(", ")) + "."));
        var report = trends.trend(request.principal().workspaceId(), measure, from, to, granularity, filters);
        List<Instant> starts = report.series().starts();
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("metric", measure.wireName());
        body.put("granularity", granularity.wireName());
        List<Object> points = new ArrayList<>();
        report.trend().points().forEach(p -> points.add(map("start", starts.get(p.index()).toString(),
                "value", p.value(), "movingAverage", number(p.movingAverage()))));
        body.put("points", points);
        var change = report.trend().periodChange();
        body.put("periodOverPeriod", map("current", change.current(), "previous", change.previous(),
                "change", change.change()));
        if (report.trend().slope() instanceof Slope s) {
            body.put("slope", map("perPeriod", s.perPeriod(), "low95", s.low95(), "high95", s.high95(),
                    "pValue", s.pValue(), "significant", s.significant()));
        } else if (report.trend().slope() instanceof NotEnoughPoints n) {
            body.put("notEnoughPoints", map("available", n.available(), "minimum", n.minimum()));
        }
        List<Object> anomalies = new ArrayList<>();
        report.trend().anomalies().forEach(a -> anomalies.add(map("start", starts.get(a.index()).toString(),
                "value", a.value(), "low", a.low(), "high", a.high(), "direction", a.direction().wireName())));
        body.put("anomalies", anomalies);
        return ApiResponse.ok(body);
    }

    private ApiResponse forecast(ApiRequest request) {
        Map<Dimension, String> filters = filters(request, FORECAST_PARAMETERS);
        Measure measure = measure(request);
        int maximum = ForecastService.maximumHorizon();
        String horizonText = blankToNull(request.query("horizon"));
        int horizon;
        try {
            horizon = horizonText == null ? ForecastService.SEASON : Integer.parseInt(horizonText);
        } catch (NumberFormatException e) {
            horizon = -1;
        }
        if (horizon < 1 || horizon > maximum) {
            throw ApiProblem.invalidField("horizon", "horizon must be a whole number of days from 1 to " + maximum + ".");
        }
        var report = forecasts.forecast(request.principal().workspaceId(), measure, horizon, filters);
        if (report.result() instanceof InsufficientHistory short_) {
            throw new ApiProblem(422, "insufficient-history", "Unprocessable Content", "A forecast needs at least "
                    + short_.minimum() + " daily points of " + measure.wireName() + "; " + short_.available()
                    + " are available.", Map.of("availablePoints", short_.available(), "minimumPoints", short_.minimum()),
                    Map.of());
        }
        Forecast forecast = (Forecast) report.result();
        var history = report.history();
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("metric", measure.wireName());
        body.put("model", forecast.model());
        // The observed days the model was fitted to, so a chart can draw them before the forecast without a second call.
        List<Object> observed = new ArrayList<>();
        for (int i = 0; i < history.values().length; i++) {
            observed.add(map("start", history.starts().get(i).toString(), "value", number(history.values()[i])));
        }
        body.put("history", map("from", history.starts().isEmpty() ? null : history.starts().get(0).toString(),
                "to", report.starts().get(0).toString(), "points", history.values().length, "series", observed));
        List<Object> points = new ArrayList<>();
        for (ForecastPoint p : forecast.points()) {
            points.add(map("start", report.starts().get(p.step() - 1).toString(), "mean", p.mean(), "low80", p.low80(),
                    "high80", number(p.high80()), "low95", p.low95(), "high95", number(p.high95())));
        }
        body.put("points", points);
        body.put("backtest", forecast.backTest().map(b -> map("origins", b.origins(),
                "model", map("mae", b.model().mae(), "mase", number(b.model().mase())),
                "seasonalNaive", map("mae", b.seasonalNaive().mae(), "mase", number(b.seasonalNaive().mase())),
                "winner", b.winner())).orElse(null));
        List<Object> thresholds = new ArrayList<>();
        for (var t : report.thresholds()) {
            thresholds.add(map("name", t.threshold().name(), "value", t.threshold().value(),
                    "crossing", t.withinHorizon() ? map("expected", text(t.expected()), "earliest", text(t.earliest()),
                            "latest", text(t.latest())) : null,
                    "withinHorizon", t.withinHorizon()));
        }
        body.put("thresholds", thresholds);
        return ApiResponse.ok(body);
    }

    private static Measure measure(ApiRequest request) {
        String name = blankToNull(request.query("metric"));
        if (name == null) {
            throw ApiProblem.invalidField("metric", "metric is required; one of: " + Measure.validNames() + ".");
        }
        return Measure.fromWire(name).orElseThrow(() -> ApiProblem.invalidField("metric",
                "Unknown metric '" + name + "'. Valid: " + Measure.validNames() + "."));
    }

    /** Any parameter that is not one of the route's own must be a dimension filter; anything else is a 400. */
    private static Map<Dimension, String> filters(ApiRequest request, Set<String> own) {
        Map<Dimension, String> filters = new EnumMap<>(Dimension.class);
        for (String name : request.queryParameters().keySet()) {
            if (own.contains(name)) {
                continue;
            }
            Dimension dimension = Arrays.stream(Dimension.values()).filter(d -> d.wireName().equals(name)).findFirst()
                    .orElseThrow(() -> new ApiProblem(400, "unknown-parameter", "Bad Request", "Unknown query parameter '"
                            + name + "'. Known: " + String.join(", ", own) + " and the dimensions "
                            + Arrays.stream(Dimension.values()).map(Dimension::wireName).collect(Collectors.joining(", "))
                            + ".", Map.of("field", name), Map.of()));
            String value = blankToNull(request.query(name));
            if (value != null) {
                filters.put(dimension, value);
            }
        }
        return filters;
    }

    private static Instant time(ApiRequest request, String name) {
        String value = blankToNull(request.query(name));
        if (value == null) {
            return null;
        }
        try {
            return OffsetDateTime.parse(value).toInstant();
        } catch (DateTimeParseException e) {
            throw ApiProblem.invalidField(name, name + " must be an ISO-8601 time such as 2026-11-25T00:00:00Z.");
        }
    }

    private static String text(Optional<Instant> instant) {
        return instant.map(Instant::toString).orElse(null);
    }

    /** JSON has no NaN or infinity: an undefined figure is null. */
    private static Double number(double value) {
        return Double.isFinite(value) ? value : null;
    }

    private static Map<String, Object> map(Object... keysAndValues) {
        Map<String, Object> map = new LinkedHashMap<>();
        for (int i = 0; i < keysAndValues.length; i += 2) {
            map.put((String) keysAndValues[i], keysAndValues[i + 1]);
        }
        return map;
    }

    private static String blankToNull(String value) {
        return value == null || value.isBlank() ? null : value;
    }
}
