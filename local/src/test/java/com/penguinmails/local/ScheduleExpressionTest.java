package com.penguinmails.local;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;

class ScheduleExpressionTest {

    private static final Instant T = Instant.parse("2025-03-14T10:17:23Z"); // a Friday

    @Test
    void ratesCountFromThePreviousOccurrence() {
        assertThat(ScheduleExpression.parse("rate(1 minute)").next(T)).isEqualTo(T.plusSeconds(60));
        assertThat(ScheduleExpression.parse("rate(5 minutes)").next(T)).isEqualTo(T.plus(Duration.ofMinutes(5)));
        assertThat(ScheduleExpression.parse("rate(1 hour)").next(T)).isEqualTo(T.plus(Duration.ofHours(1)));
        assertThat(ScheduleExpression.parse("rate(2 days)").next(T)).isEqualTo(T.plus(Duration.ofDays(2)));
    }

    @Test
    void aRateResumesInItsSeriesAfterAGap() {
        ScheduleExpression hourly = ScheduleExpression.parse("rate(1 hour)");

        assertThat(hourly.firstAfter(T, T.plus(Duration.ofMinutes(150)))).isEqualTo(T.plus(Duration.ofHours(3)));
        assertThat(hourly.firstAfter(T, T.plus(Duration.ofHours(2)))).isEqualTo(T.plus(Duration.ofHours(3)));
    }

    @Test
    void ratesNeedEventBridgesSingularAndPluralUnits() {
        assertThatThrownBy(() -> ScheduleExpression.parse("rate(1 minutes)")).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> ScheduleExpression.parse("rate(2 day)")).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> ScheduleExpression.parse("rate(0 days)")).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> ScheduleExpression.parse("rate(1 week)")).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void cronUsesEventBridgesSixFieldsInUtc() {
        assertThat(ScheduleExpression.parse("cron(0 12 * * ? *)").next(T)).isEqualTo("2025-03-14T12:00:00Z");
        assertThat(ScheduleExpression.parse("cron(15 10 ? * MON-FRI *)").next(T)).isEqualTo("2025-03-17T10:15:00Z");
        assertThat(ScheduleExpression.parse("cron(0/15 * * * ? *)").next(T)).isEqualTo("2025-03-14T10:30:00Z");
        assertThat(ScheduleExpression.parse("cron(0 8 1 * ? *)").next(T)).isEqualTo("2025-04-01T08:00:00Z");
        assertThat(ScheduleExpression.parse("cron(0 18 ? * 6L 2025)").next(T)).isEqualTo("2025-03-28T18:00:00Z");
    }

    @Test
    void cronDaysOfWeekCountFromSundayAsOne() {
        assertThat(ScheduleExpression.parse("cron(0 9 ? * 1 *)").next(T)).isEqualTo("2025-03-16T09:00:00Z");
        assertThat(ScheduleExpression.parse("cron(0 9 ? * 2#1 *)").next(T)).isEqualTo("2025-04-07T09:00:00Z");
    }

    @Test
    void cronNextIsStrictlyAfterThePreviousOccurrence() {
        Instant noon = Instant.parse("2025-03-14T12:00:00Z");
        assertThat(ScheduleExpression.parse("cron(0 12 * * ? *)").next(noon)).isEqualTo("2025-03-15T12:00:00Z");
    }

    @Test
    void cronNeedsOneQuestionMarkAndSixFields() {
        assertThatThrownBy(() -> ScheduleExpression.parse("cron(0 12 * * * *)")).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> ScheduleExpression.parse("cron(0 12 * * ?)")).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> ScheduleExpression.parse("at(2025-01-01T00:00:00)")).isInstanceOf(IllegalArgumentException.class);
    }
}
