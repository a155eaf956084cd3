package com.penguinmails.sending.outbound;

import java.time.Duration;
import java.util.random.RandomGenerator;

/**
 * When a message is tried again after a transient transport error: exponential back-off with full jitter. After
 * failed try {@code n} the wait is uniformly random between 0 and {@code base × factor^(n-1)}, at most {@code cap}
 * (full jitter spreads the retries of many messages hit by the same outage instead of sending them back together);
 * after {@code maxTries} failed tries the message is FAILED.
 */
public record RetryPolicy(Duration base, double factor, Duration cap, int maxTries) {

    /** 60 s, doubling, at most 30 min, 6 tries: ceilings of 1, 2, 4, 8 and 16 minutes, so at most 31 minutes of waits. */
    public static RetryPolicy defaults() {
        return new RetryPolicy(Duration.ofSeconds(60), 2, Duration.ofMinutes(30), 6);
    }

    public RetryPolicy {
        if (base.isNegative() || base.isZero() || factor < 1 || cap.compareTo(base) < 0 || maxTries < 1) {
            throw new IllegalArgumentException("retry policy needs base > 0, factor >= 1, cap >= base and maxTries >= 1");
        }
    }

    /** The longest wait after failed try {@code failedTry} (1 for the first). */
    public Duration ceiling(int failedTry) {
        double millis = base.toMillis() * Math.pow(factor, failedTry - 1);
        return millis >= cap.toMillis() ? cap : Duration.ofMillis((long) millis);
    }

    /** The wait after failed try {@code failedTry}: 0 to {@link #ceiling} inclusive, drawn from {@code random}. */
    public Duration delayAfter(int failedTry, RandomGenerator random) {
        return Duration.ofMillis(random.nextLong(ceiling(failedTry).toMillis() + 1));
    }
}
