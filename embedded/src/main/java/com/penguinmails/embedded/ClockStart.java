package com.penguinmails.embedded;

import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.Optional;

/**
 * The instant a local or test platform's clock starts at, when it is not now: the {@value #PROPERTY} system property
 * or the {@value #ENVIRONMENT} environment variable (the property wins), an ISO-8601 instant such as
 * {@code 2031-02-28T23:59:30Z}. CI runs the end-to-end tests once at such an instant, so that nothing passes only on
 * the day it was written. Functions in AWS never read it: their clock is the system's.
 */
public final class ClockStart {

    public static final String ENVIRONMENT = "PM_CLOCK_START";
    public static final String PROPERTY = "penguinmails.clock.start";

    private ClockStart() {
    }

    /** The configured starting instant, if any; a value that is not an ISO-8601 instant is refused, naming it. */
    public static Optional<Instant> configured() {
        String value = System.getProperty(PROPERTY);
        String source = PROPERTY;
        if (value == null || value.isBlank()) {
            value = System.getenv(ENVIRONMENT);
            source = ENVIRONMENT;
        }
        if (value == null || value.isBlank()) {
            return Optional.empty();
        }
        try {
            return Optional.of(Instant.parse(value.strip()));
        } catch (DateTimeParseException e) {
            throw new IllegalArgumentException(source + " must be an ISO-8601 instant such as 2031-02-28T23:59:30Z, not '" + value + "'", e);
        }
    }
}
