package com.penguinmails.functions.analytics;

import com.penguinmails.analytics.Counts;
import com.penguinmails.analytics.Dimension;
import com.penguinmails.analytics.Metric;
import com.penguinmails.analytics.Rate;
import com.penguinmails.analytics.kpis.KpiReport;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.OptionalDouble;

/** A KPI report as JSON (counts and named rates) and as CSV (a row per group and bucket). */
final class KpiViews {

    private KpiViews() {
    }

    record RateView(Double value, String numerator, String denominator) {}

    record Totals(Map<String, Long> counts, Map<String, RateView> rates) {}

    record BucketView(Instant start, Map<String, Long> counts, Map<String, RateView> rates) {}

    record GroupView(Map<String, String> key, Map<String, Long> counts, Map<String, RateView> rates, List<BucketView> series) {}

    record ReportView(Instant from, Instant to, String granularity, List<String> groupBy, Map<String, String> filters, String timeZone,
                      Totals totals, List<BucketView> series, List<GroupView> groups) {}

    static ReportView json(KpiReport report) {
        List<GroupView> groups = report.groups().stream().map(g -> new GroupView(names(g.key()), counts(g.counts()), rates(g.counts()),
                buckets(g.series()))).toList();
        return new ReportView(report.request().from(), report.request().to(), report.request().granularity().wireName(),
                report.request().groupBy().stream().map(Dimension::wireName).toList(), names(report.request().filters()),
                report.request().zone().getId(), new Totals(counts(report.totals()), rates(report.totals())), buckets(report.series()), groups);
    }

    private static List<BucketView> buckets(List<KpiReport.Bucket> series) {
        return series.stream().map(b -> new BucketView(b.start(), counts(b.counts()), rates(b.counts()))).toList();
    }

    /** Every metric, zeros included, so a reader never has to guess whether a missing one means zero. */
    static Map<String, Long> counts(Counts counts) {
        Map<String, Long> view = new LinkedHashMap<>();
        for (Metric metric : Metric.values()) {
            view.put(metric.wireName(), counts.get(metric));
        }
        return view;
    }

    /** Every rate with what it divides; {@code value} is left out when nothing was counted below the line. */
    static Map<String, RateView> rates(Counts counts) {
        Map<String, RateView> view = new LinkedHashMap<>();
        for (Rate rate : Rate.values()) {
            OptionalDouble value = rate.of(counts);
            view.put(rate.wireName(), new RateView(value.isPresent() ? round(value.getAsDouble()) : null, rate.numeratorName(), rate.denominatorName()));
        }
        return view;
    }

    static double round(double value) {
        return Math.round(value * 1_000_000d) / 1_000_000d;
    }

    static Map<String, String> names(Map<Dimension, String> values) {
        Map<String, String> view = new LinkedHashMap<>();
        values.forEach((dimension, value) -> view.put(dimension.wireName(), value));
        return view;
    }

    static String csv(KpiReport report) {
        StringBuilder out = new StringBuilder();
        List<String> header = new ArrayList<>();
        report.request().groupBy().forEach(d -> header.add(d.wireName()));
        header.add("start");
        for (Metric metric : Metric.values()) {
            header.add(metric.wireName());
        }
        for (Rate rate : Rate.values()) {
            header.add(rate.wireName());
        }
        out.append(String.join(",", header)).append("\r\n");
        if (report.groups().isEmpty() && report.request().groupBy().isEmpty()) {
            report.series().forEach(bucket -> row(out, List.of(), bucket));
        } else {
            for (KpiReport.Group group : report.groups()) {
                List<String> key = report.request().groupBy().stream().map(d -> group.key().get(d)).toList();
                group.series().forEach(bucket -> row(out, key, bucket));
            }
        }
        return out.toString();
    }

    private static void row(StringBuilder out, List<String> key, KpiReport.Bucket bucket) {
        List<String> cells = new ArrayList<>();
        key.forEach(value -> cells.add(cell(value)));
        cells.add(bucket.start().toString());
        for (Metric metric : Metric.values()) {
            cells.add(Long.toString(bucket.counts().get(metric)));
        }
        for (Rate rate : Rate.values()) {
            OptionalDouble value = rate.of(bucket.counts());
            cells.add(value.isPresent() ? Double.toString(round(value.getAsDouble())) : "");
        }
        out.append(String.join(",", cells)).append("\r\n");
    }

    /** RFC 4180 quoting, and a leading formula character defused so a spreadsheet shows a tag as text. */
    private static String cell(String value) {
        String safe = !value.isEmpty() && "=+-@".indexOf(value.charAt(0)) >= 0 ? "'" + value : value;
        return safe.contains(",") || safe.contains("\"") || safe.contains("\n") || safe.contains("\r")
                ? "\"" + safe.replace("\"", "\"\"") + "\"" : safe;
    }
}
