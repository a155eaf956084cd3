package com.penguinmails.local;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import org.junit.jupiter.api.Test;

class MovableClockTest {

    private static final Instant T = Instant.parse("2025-03-14T10:00:00Z");

    @Test
    void advancingAddsToTheBaseTime() {
        MovableClock clock = new MovableClock(Clock.fixed(T, ZoneOffset.UTC));

        clock.advance(Duration.ofHours(1));
        clock.advance(Duration.ofDays(2));

        assertThat(clock.instant()).isEqualTo(T.plus(Duration.ofHours(49)));
        assertThat(clock.offset()).isEqualTo(Duration.ofHours(49));
        assertThat(clock.getZone()).isEqualTo(ZoneOffset.UTC);
    }

    @Test
    void itCanStartAtAnotherInstantAndMovesOnFromThere() {
        Instant start = Instant.parse("2031-02-28T23:59:30Z");
        MovableClock clock = new MovableClock(Clock.fixed(T, ZoneOffset.UTC), start);

        assertThat(clock.instant()).isEqualTo(start);
        clock.advance(Duration.ofSeconds(45));
        assertThat(clock.instant()).isEqualTo("2031-03-01T00:00:15Z");
    }

    @Test
    void itOnlyMovesForward() {
        MovableClock clock = new MovableClock(Clock.fixed(T, ZoneOffset.UTC));

        assertThatThrownBy(() -> clock.advance(Duration.ofSeconds(-1))).isInstanceOf(IllegalArgumentException.class);
        assertThat(clock.instant()).isEqualTo(T);
    }

    @Test
    void aZonedViewFollowsTheMoves() {
        MovableClock clock = new MovableClock(Clock.fixed(T, ZoneOffset.UTC));
        Clock paris = clock.withZone(ZoneId.of("Europe/Paris"));

        clock.advance(Duration.ofMinutes(5));

        assertThat(paris.instant()).isEqualTo(T.plusSeconds(300));
        assertThat(paris.getZone()).isEqualTo(ZoneId.of("Europe/Paris"));
    }
}
