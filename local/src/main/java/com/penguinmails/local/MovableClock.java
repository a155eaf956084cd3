package com.penguinmails.local;

import com.penguinmails.embedded.ClockStart;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.concurrent.atomic.AtomicReference;

/**
 * The one clock every local function reads: real UTC time plus an offset that only grows. Moving it forward
 * lets a developer or a test see tomorrow's schedules, expiries and TTL-driven behaviour without waiting.
 * It may start at another instant than now ({@link ClockStart}): CI runs the end-to-end tests once far from today,
 * so that nothing passes only on the day it was written.
 */
public final class MovableClock extends Clock {

    private final Clock base;
    private final AtomicReference<Duration> offset;

    /** Now, or the instant {@link ClockStart} names. */
    public MovableClock() {
        this(Clock.systemUTC(), ClockStart.configured().orElse(null));
    }

    MovableClock(Clock base) {
        this(base, null);
    }

    /** Reads {@code base} shifted so that it reads {@code start} now; a null start is no shift. */
    MovableClock(Clock base, Instant start) {
        this.base = base;
        this.offset = new AtomicReference<>(start == null ? Duration.ZERO : Duration.between(base.instant(), start));
    }

    /**
     * Moves time forward; going back is refused because schedules and expiries only move forward in AWS too. (The
     * offset itself may be negative, for a clock started before now.)
     */
    public Instant advance(Duration amount) {
        if (amount.isNegative()) {
            throw new IllegalArgumentException("the clock only moves forward, not by " + amount);
        }
        offset.accumulateAndGet(amount, Duration::plus);
        return instant();
    }

    public Duration offset() {
        return offset.get();
    }

    @Override
    public Instant instant() {
        return base.instant().plus(offset.get());
    }

    @Override
    public ZoneId getZone() {
        return ZoneOffset.UTC;
    }

    @Override
    public Clock withZone(ZoneId zone) {
        return zone.equals(ZoneOffset.UTC) ? this : new ZonedView(this, zone);
    }

    /** The same moving time seen from another zone, for code that asks for one. */
    private static final class ZonedView extends Clock {
        private final MovableClock clock;
        private final ZoneId zone;

        ZonedView(MovableClock clock, ZoneId zone) {
            this.clock = clock;
            this.zone = zone;
        }

        @Override
        public Instant instant() {
            return clock.instant();
        }

        @Override
        public ZoneId getZone() {
            return zone;
        }

        @Override
        public Clock withZone(ZoneId other) {
            return clock.withZone(other);
        }
    }
}
