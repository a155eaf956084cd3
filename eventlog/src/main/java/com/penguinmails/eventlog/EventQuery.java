package com.penguinmails.eventlog;

import com.penguinmails.core.events.EventType;
import com.penguinmails.core.problems.ApiProblem;
import java.time.Instant;
import java.util.Arrays;
import java.util.EnumSet;
import java.util.Set;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/**
 * Filters for reading a workspace's event log; null (an empty {@code types}) means no filter. {@code recipient} and
 * {@code campaignId} match the fields of the same names in the event's {@code data}. Results are newest first.
 */
public record EventQuery(String workspaceId, Set<EventType> types, String subject, String recipient, String campaignId,
                         Instant from, Instant to, String afterPosition, int limit) {

    /** The event's time in epoch millis (13 digits, so until the year 2286), #, its id: where a page ended. */
    private static final Pattern POSITION = Pattern.compile("\\d{13}#[!-~]{1," + EventLogService.MAX_ID_LENGTH + "}");

    public EventQuery {
        types = types == null || types.isEmpty() ? Set.of() : Set.copyOf(types);
    }

    public static boolean isPosition(String position) {
        return position != null && POSITION.matcher(position).matches();
    }

    /**
     * One type or several separated by commas ({@code message.bounced,message.complained}; a repeated {@code type}
     * parameter arrives so from API Gateway); a 400 naming {@code type} for one we do not publish.
     */
    public static Set<EventType> types(String commaSeparated) {
        if (commaSeparated == null || commaSeparated.isBlank()) {
            return Set.of();
        }
        Set<EventType> types = EnumSet.noneOf(EventType.class);
        for (String name : commaSeparated.split(",", -1)) {
            types.add(EventType.fromWireName(name.strip()).orElseThrow(() -> ApiProblem.invalidField("type",
                    "Unknown event type '" + name.strip() + "'. Use one or more, separated by commas, of: "
                            + Arrays.stream(EventType.values()).map(EventType::wireName).collect(Collectors.joining(", ")) + ".")));
        }
        return types;
    }
}
