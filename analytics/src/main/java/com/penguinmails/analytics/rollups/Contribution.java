package com.penguinmails.analytics.rollups;

import com.penguinmails.analytics.Counts;
import com.penguinmails.analytics.Dimension;
import java.time.Instant;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;

/**
 * What one platform event adds to the counters: its counts, at its own time (a late event lands in the hour it
 * happened, not the hour it arrived), under each value it has of each dimension. A dimension can have several values
 * (an email's tags) or none (an email outside any campaign is in no campaign's counters, and in the totals).
 */
public record Contribution(String eventId, String workspaceId, Instant time, Map<Dimension, List<String>> values, Counts counts) {

    public Contribution {
        EnumMap<Dimension, List<String>> copy = new EnumMap<>(Dimension.class);
        values.forEach((dimension, list) -> {
            if (list != null && !list.isEmpty()) {
                copy.put(dimension, List.copyOf(list));
            }
        });
        values = java.util.Collections.unmodifiableMap(copy);
    }

    public static final String EMAIL = "email";

    public boolean isEmail() {
        return values.getOrDefault(Dimension.CHANNEL, List.of(EMAIL)).contains(EMAIL);
    }

    /**
     * The value combinations this event counts under in a set: one empty key for the totals; for a set with a dimension
     * the event has no value of, none; several for tags.
     */
    public List<List<String>> keysIn(DimensionSet set) {
        if (!isEmail() && !set.has(Dimension.CHANNEL)) {
            // A LinkedIn message "sent" is not an email sent: other channels count only where the channel is named.
            return List.of();
        }
        List<List<String>> keys = new ArrayList<>();
        keys.add(List.of());
        for (Dimension dimension : set.dimensions()) {
            List<String> options = values.getOrDefault(dimension, List.of());
            List<List<String>> next = new ArrayList<>();
            for (List<String> key : keys) {
                for (String option : options) {
                    List<String> longer = new ArrayList<>(key);
                    longer.add(option);
                    next.add(List.copyOf(longer));
                }
            }
            keys = next;
        }
        return keys;
    }
}
