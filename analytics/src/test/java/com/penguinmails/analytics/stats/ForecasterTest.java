package com.penguinmails.analytics.stats;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;

class ForecasterTest {

    @Test
    void seasonalTrendingSeriesBeatsSeasonalNaiveAndIntervalsCoverRoughlyTheirLevel() {
        int inside80 = 0;
        int inside95 = 0;
        int total = 0;
        double maseSum = 0;
        int seeds = 20;
        for (long seed = 1; seed <= seeds; seed++) {
            double[] all = Series.seasonal(seed, 56 + 7, 200, 1.5, 30, 5);
            double[] history = Arrays.copyOf(all, 56);
            Forecast forecast = (Forecast) Forecaster.forecast(history, 7, 7, false);
            assertThat(forecast.model()).isEqualTo("holt-winters-additive");
            BackTest backTest = forecast.backTest().orElseThrow();
            maseSum += backTest.model().mase();
            for (ForecastPoint p : forecast.points()) {
                double actual = all[56 + p.step() - 1];
                inside80 += actual >= p.low80() && actual <= p.high80() ? 1 : 0;
                inside95 += actual >= p.low95() && actual <= p.high95() ? 1 : 0;
                total++;
            }
        }
        assertThat(maseSum / seeds).isLessThan(1.0);
        assertThat((double) inside80 / total).isBetween(0.65, 0.95);
        assertThat((double) inside95 / total).isBetween(0.85, 1.0);
    }

    @Test
    void flatSeriesForecastsTheSameLevel() {
        double[] history = new double[20];
        Arrays.fill(history, 10);
        Forecast forecast = (Forecast) Forecaster.forecast(history, 7, 5, false);
        assertThat(forecast.points()).allSatisfy(p -> assertThat(p.mean()).isCloseTo(10, org.assertj.core.data.Offset.offset(1e-6)));
    }

    @Test
    void tooShortHistory() {
        assertThat(Forecaster.forecast(new double[15], 7, 7, false)).isEqualTo(new InsufficientHistory(15, 16));
    }

    @Test
    void horizonBeyondFourSeasonsIsRejected() {
        assertThatThrownBy(() -> Forecaster.forecast(new double[30], 7, 29, false))
                .isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void rateIntervalsStayInsideZeroAndOne() {
        double[] history = Series.seasonal(3, 56, 0.002, 0, 0.001, 0.002);
        for (int i = 0; i < history.length; i++) {
            history[i] = Math.max(0, history[i]);
        }
        Forecast forecast = (Forecast) Forecaster.forecast(history, 7, 28, true);
        assertThat(forecast.points()).allSatisfy(p -> {
            assertThat(p.low95()).isBetween(0.0, 1.0);
            assertThat(p.high95()).isBetween(0.0, 1.0);
        });
    }

    @Test
    void thresholdCrossingOnARisingSeries() {
        double[] history = Series.seasonal(5, 56, 100, 2, 0, 1);
        Forecast forecast = (Forecast) Forecaster.forecast(history, 7, 14, false);
        double threshold = forecast.points().get(6).mean();
        var crossing = ThresholdCrossing.first(forecast, threshold).orElseThrow();
        assertThat(crossing.expectedStep()).contains(7);
        assertThat(crossing.earliestStep()).isLessThanOrEqualTo(7);
        assertThat(crossing.latestStep().orElse(99)).isGreaterThanOrEqualTo(7);
        assertThat(ThresholdCrossing.first(forecast, 1e9)).isEmpty();
        assertThat(List.of(ThresholdCrossing.aboveNow(history, 0))).containsExactly(true);
    }
}
