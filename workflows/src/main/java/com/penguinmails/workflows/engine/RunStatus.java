package com.penguinmails.workflows.engine;

import java.util.Arrays;
import java.util.Locale;
import java.util.Optional;

/** Where a run is: doing its steps, waiting for a timer or an event, or finished one way or the other. */
public enum RunStatus {
    RUNNING, WAITING, SUCCEEDED, FAILED;

    public String wireName() {
        return name().toLowerCase(Locale.ROOT);
    }

    public boolean finished() {
        return this == SUCCEEDED || this == FAILED;
    }

    public static Optional<RunStatus> fromWire(String value) {
        return Arrays.stream(values()).filter(s -> s.wireName().equals(value)).findFirst();
    }
}
