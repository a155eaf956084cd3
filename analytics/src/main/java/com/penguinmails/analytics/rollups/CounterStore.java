package com.penguinmails.analytics.rollups;

import java.time.Instant;
import java.util.List;

/** The hourly counters, in parts. */
public interface CounterStore {

    /** The parts of one hour, by index. */
    List<HourPart> parts(String workspaceId, DimensionSet set, Instant hour);

    /** The parts of every hour from {@code fromHour} up to, not including, {@code toHour}. */
    List<HourPart> parts(String workspaceId, DimensionSet set, Instant fromHour, Instant toHour);

    /** Stores {@code next} if the stored part is still at {@code next.version() - 1}; false otherwise. */
    boolean writePart(HourPart next);
}
