package com.penguinmails.workflows.engine;

import java.time.Duration;
import java.time.Instant;
import java.util.List;

/** A roll-up metric per group over a window, for metric triggers. */
public interface MetricReadings {

    /** {@code group} is the group's id (a campaign id, a domain); {@code volume} the denominator the rate was taken over. */
    record Reading(String group, double value, long volume) {}

    List<Reading> read(String workspaceId, String metric, String groupBy, Duration window, Instant now);
}
