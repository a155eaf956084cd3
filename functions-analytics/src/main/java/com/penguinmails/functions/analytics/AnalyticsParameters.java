package com.penguinmails.functions.analytics;

import com.penguinmails.analytics.Dimension;
import com.penguinmails.analytics.Granularity;
import com.penguinmails.core.problems.ApiProblem;
import com.penguinmails.functions.http.ApiRequest;
import java.time.DateTimeException;
import java.time.Instant;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;

/**
 * The query parameters every analytics read shares: {@code from}, {@code to} (ISO-8601 times, or dates meaning
 * midnight in {@code timeZone}), {@code granularity}, {@code groupBy}, {@code timeZone} and a filter per dimension
 * ({@code campaign=cmp_...}). A parameter no route knows is a 400 naming those it knows, never a filter ignored.
 */
record AnalyticsParameters(Optional<Instant> from, Optional<Instant> to, Granularity granularity, List<Dimension> groupBy,
                           Map<Dimension, String> filters, ZoneId zone) {

    static final Set<String> SHARED = Set.of("from", "to", "granularity", "groupBy", "timeZone");

    static AnalyticsParameters parse(ApiRequest request, Set<String> ownParameters) {
        Set<String> known = new TreeSet<>(SHARED);
        known.addAll(ownParameters);
        Arrays.stream(Dimension.values()).map(Dimension::wireName).forEach(known::add);
        for (String name : request.queryParameters().keySet()) {
            if (!known.contains(name)) {
                throw new ApiProblem(400, "unknown-parameter", "Bad Request", "Unknown query parameter '" + name + "'. Known: "
                        + String.join(", ", known) + ".", Map.of("field", name), Map.of());
            }
        }
        ZoneId zone = zone(request.query("timeZone"));
        Granularity granularity = blank(request.query("granularity")) ? Granularity.DAY : Granularity.fromWire(request.query("granularity"))
                .orElseThrow(() -> ApiProblem.invalidField("granularity", "granularity is one of hour, day, week, month."));
        List<Dimension> groupBy = new ArrayList<>();
        if (!blank(request.query("groupBy"))) {
            for (String name : request.query("groupBy").split(",")) {
                Dimension dimension = Dimension.fromWire(name.strip()).orElseThrow(() -> ApiProblem.invalidField("groupBy",
                        "Unknown dimension '" + name.strip() + "'. Dimensions: " + Dimension.wireNames() + "."));
                if (!groupBy.contains(dimension)) {
                    groupBy.add(dimension);
                }
            }
        }
        Map<Dimension, String> filters = new EnumMap<>(Dimension.class);
        for (Dimension dimension : Dimension.values()) {
            String value = request.query(dimension.wireName());
            if (!blank(value)) {
                filters.put(dimension, value.strip());
            }
        }
        return new AnalyticsParameters(time(request, "from", zone), time(request, "to", zone), granularity, groupBy, filters, zone);
    }

    private static ZoneId zone(String value) {
        if (blank(value)) {
            return ZoneOffset.UTC;
        }
        try {
            return ZoneId.of(value.strip());
        } catch (DateTimeException e) {
            throw ApiProblem.invalidField("timeZone", "timeZone is an IANA zone such as Europe/Paris or America/New_York.");
        }
    }

    private static Optional<Instant> time(ApiRequest request, String name, ZoneId zone) {
        String value = request.query(name);
        if (blank(value)) {
            return Optional.empty();
        }
        try {
            return Optional.of(value.length() == 10 ? LocalDate.parse(value).atStartOfDay(zone).toInstant() : OffsetDateTime.parse(value).toInstant());
        } catch (DateTimeParseException e) {
            throw ApiProblem.invalidField(name, name + " is an ISO-8601 time such as 2026-11-25T00:00:00Z, or a date such as 2026-11-25"
                    + " (midnight in timeZone).");
        }
    }

    private static boolean blank(String value) {
        return value == null || value.isBlank();
    }
}
