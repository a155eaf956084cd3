package com.penguinmails.analytics.insights;

import static org.assertj.core.api.Assertions.assertThat;

import com.penguinmails.analytics.Counts;
import com.penguinmails.analytics.Dimension;
import com.penguinmails.analytics.Granularity;
import com.penguinmails.analytics.Metric;
import com.penguinmails.analytics.RollupReader;
import com.penguinmails.analytics.RollupRow;
import com.penguinmails.analytics.insights.MetricSeries.Measure;
import com.penguinmails.analytics.stats.Forecast;
import com.penguinmails.analytics.stats.InsufficientHistory;
import com.penguinmails.analytics.stats.TrendAnalysis.Slope;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.Test;

class InsightsServicesTest {

    // Fixtures are stamped relative to this clock, never to today's date.
    private final Clock clock = Clock.fixed(Instant.parse("2026-03-10T09:30:00Z"), ZoneOffset.UTC);
    private final Instant today = clock.instant().truncatedTo(ChronoUnit.DAYS);
    private final List<RollupRow> rows = new ArrayList<>();
    private final RollupReader reader = query -> rows.stream()
            .filter(r -> !r.start().isBefore(query.from()) && r.start().isBefore(query.to()))
            .toList();

    private void day(int daysAgo, long sent, long complaints) {
        rows.add(new RollupRow(Map.of(), today.minus(Duration.ofDays(daysAgo)),
                new Counts(Map.of(Metric.SENT, sent, Metric.COMPLAINED, complaints))));
    }

    @Test
    void trendFillsEmptyDaysWithZeroCounts() {
        day(3, 100, 0);
        day(1, 300, 0);
        var report = new TrendService(reader, clock).trend("ws_1", Measure.fromWire("sent").orElseThrow(),
                today.minus(Duration.ofDays(4)), today, Granularity.DAY, Map.of());
        assertThat(report.series().values()).containsExactly(0, 100, 0, 300);
        assertThat(report.series().starts().get(0)).isEqualTo(today.minus(Duration.ofDays(4)));
        assertThat(report.trend().slope()).isInstanceOf(Slope.class);
    }

    @Test
    void rateTrendSkipsDaysWithNothingSent() {
        day(3, 1000, 2);
        day(1, 1000, 4);
        var report = new TrendService(reader, clock).trend("ws_1", Measure.fromWire("complaintRate").orElseThrow(),
                today.minus(Duration.ofDays(4)), today, Granularity.DAY, Map.of());
        assertThat(report.series().values()).containsExactly(0.002, 0.004);
    }

    @Test
    void risingComplaintRateIsForecastToCrossTheGmailLines() {
        Random random = new Random(42);
        for (int daysAgo = 56; daysAgo >= 1; daysAgo--) {
            int t = 56 - daysAgo;
            long complaints = Math.round(0.5 + t * 0.05 + random.nextGaussian() * 0.3);
            day(daysAgo, 1000, Math.max(0, complaints));
        }
        var report = new ForecastService(reader, clock).forecast("ws_1",
                Measure.fromWire("complaintRate").orElseThrow(), 28, Map.<Dimension, String>of());
        assertThat(report.result()).isInstanceOf(Forecast.class);
        assertThat(report.history().values()).hasSize(56);
        assertThat(report.starts().get(0)).isEqualTo(today);
        assertThat(report.thresholds()).extracting(r -> r.threshold().name())
                .containsExactly("gmail-yahoo-recommended", "gmail-yahoo-maximum", "pause");
        var recommended = report.thresholds().get(0);
        assertThat(recommended.withinHorizon()).isTrue();
        assertThat(recommended.earliest().orElseThrow()).isBetween(today, today.plus(Duration.ofDays(27)));
    }

    @Test
    void shortHistoryIsInsufficient() {
        day(3, 10, 0);
        var report = new ForecastService(reader, clock).forecast("ws_1", Measure.fromWire("sent").orElseThrow(), 7,
                Map.of());
        // Empty days count as 0 for a counter, so eight weeks exist; for a rate the empty days drop out.
        assertThat(report.result()).isInstanceOf(Forecast.class);
        var rate = new ForecastService(reader, clock).forecast("ws_1",
                Measure.fromWire("bounceRate").orElseThrow(), 7, Map.of());
        assertThat(rate.result()).isEqualTo(new InsufficientHistory(1, 16));
        assertThat(rate.thresholds()).isEmpty();
    }

    @Test
    void unknownMetricNamesListTheValidOnes() {
        assertThat(Measure.fromWire("nope")).isEmpty();
        assertThat(Measure.validNames()).contains("sent", "complaintRate");
    }
}
