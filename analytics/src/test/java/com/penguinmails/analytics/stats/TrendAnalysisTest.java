package com.penguinmails.analytics.stats;

import static org.assertj.core.api.Assertions.assertThat;

import com.penguinmails.analytics.stats.TrendAnalysis.Direction;
import com.penguinmails.analytics.stats.TrendAnalysis.NotEnoughPoints;
import com.penguinmails.analytics.stats.TrendAnalysis.Slope;
import com.penguinmails.analytics.stats.TrendAnalysis.Trend;
import java.util.Arrays;
import org.junit.jupiter.api.Test;

class TrendAnalysisTest {

    @Test
    void movingAverageIsAbsentUntilTheWindowIsFull() {
        double[] values = {1, 2, 3, 4, 5, 6, 7, 8};
        Trend trend = TrendAnalysis.analyze(values, 7);
        assertThat(trend.points().get(5).movingAverage()).isNaN();
        assertThat(trend.points().get(6).movingAverage()).isEqualTo(4.0);
        assertThat(trend.points().get(7).movingAverage()).isEqualTo(5.0);
    }

    @Test
    void periodChangeComparesTheLastWindowWithTheOneBefore() {
        double[] values = {1, 1, 1, 1, 2, 2, 2, 2};
        Trend trend = TrendAnalysis.analyze(values, 4);
        assertThat(trend.periodChange().current()).isEqualTo(2.0);
        assertThat(trend.periodChange().previous()).isEqualTo(1.0);
        assertThat(trend.periodChange().change()).isEqualTo(1.0);
        assertThat(TrendAnalysis.analyze(new double[] {0, 0, 5, 5}, 2).periodChange().change()).isNull();
    }

    @Test
    void risingNoisySeriesHasASignificantPositiveSlope() {
        double[] values = Series.seasonal(7, 56, 100, 2, 0, 3);
        Slope slope = (Slope) TrendAnalysis.analyze(values).slope();
        assertThat(slope.perPeriod()).isBetween(1.7, 2.3);
        assertThat(slope.low95()).isLessThan(2).isGreaterThan(1.5);
        assertThat(slope.high95()).isGreaterThan(2);
        assertThat(slope.significant()).isTrue();
    }

    @Test
    void flatSeriesHasNoSignificantSlopeAndNoAnomalies() {
        double[] values = new double[30];
        Arrays.fill(values, 50);
        Trend trend = TrendAnalysis.analyze(values);
        Slope slope = (Slope) trend.slope();
        assertThat(slope.perPeriod()).isZero();
        assertThat(slope.significant()).isFalse();
        assertThat(trend.anomalies()).isEmpty(); // MAD 0: no division by zero, no flags
    }

    @Test
    void tooFewPointsForASlope() {
        assertThat(TrendAnalysis.analyze(new double[] {1, 2}).slope()).isEqualTo(new NotEnoughPoints(2, 3));
    }

    @Test
    void injectedSpikeIsFlaggedWithItsBand() {
        double[] values = Series.seasonal(11, 42, 100, 0, 0, 2);
        values[30] = 160;
        Trend trend = TrendAnalysis.analyze(values);
        assertThat(trend.anomalies()).hasSize(1);
        var anomaly = trend.anomalies().get(0);
        assertThat(anomaly.index()).isEqualTo(30);
        assertThat(anomaly.direction()).isEqualTo(Direction.ABOVE);
        assertThat(anomaly.low()).isLessThan(100);
        assertThat(anomaly.high()).isBetween(100.0, 115.0);
    }
}
