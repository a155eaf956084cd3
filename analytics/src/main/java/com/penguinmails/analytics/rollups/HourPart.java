package com.penguinmails.analytics.rollups;

import com.penguinmails.analytics.Counts;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The counters of one workspace, dimension set and UTC hour, for some of the set's values: a stored item. An hour's
 * values are spread over parts of at most {@link #MAX_VALUES} each, so an item stays far below DynamoDB's 400 KB
 * however many campaigns or tags a workspace has; a value, once in a part, stays there.
 *
 * @param version the stored version this part was read at (0: not stored yet); a write expects it unchanged
 * @param through the end of the last fold window applied to it: a window resumed after a stop skips it
 */
public record HourPart(String workspaceId, DimensionSet set, Instant hour, int index, Map<List<String>, Counts> values,
                       long version, Instant through) {

    /** About 200 bytes of JSON each before compression: a part of 2,000 is a few tens of KB stored. */
    public static final int MAX_VALUES = 2_000;

    public HourPart {
        values = java.util.Collections.unmodifiableMap(new LinkedHashMap<>(values));
    }

    public static HourPart empty(String workspaceId, DimensionSet set, Instant hour, int index) {
        return new HourPart(workspaceId, set, hour, index, Map.of(), 0, Instant.EPOCH);
    }

    public boolean hasRoom() {
        return values.size() < MAX_VALUES;
    }

    /** Applied a window: already has what the window ending at {@code target} adds. */
    public boolean hasApplied(Instant target) {
        return !through.isBefore(target);
    }

    public HourPart plus(Map<List<String>, Counts> added, Instant target) {
        Map<List<String>, Counts> sum = new LinkedHashMap<>(values);
        added.forEach((key, counts) -> sum.merge(key, counts, Counts::plus));
        return new HourPart(workspaceId, set, hour, index, sum, version + 1, target);
    }
}
