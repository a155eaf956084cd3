package com.penguinmails.analytics.stats;

import java.util.List;
import java.util.Objects;
import java.util.Optional;

/** A fitted model's forecast. */
public record Forecast(String model, List<ForecastPoint> points, Optional<BackTest> backTest) implements ForecastResult {

    public Forecast {
        Objects.requireNonNull(model, "model");
        points = List.copyOf(points);
        backTest = Objects.requireNonNullElse(backTest, Optional.empty());
    }

    public static Builder builder() {
        return new Builder();
    }

    public static final class Builder {
        private String model;
        private List<ForecastPoint> points = List.of();
        private Optional<BackTest> backTest = Optional.empty();

        public Builder model(String model) {
            this.model = model;
            return this;
        }

        public Builder points(List<ForecastPoint> points) {
            this.points = points;
            return this;
        }

        public Builder backTest(Optional<BackTest> backTest) {
            this.backTest = backTest;
            return this;
        }

        public Forecast build() {
            return new Forecast(model, points, backTest);
        }
    }
}
