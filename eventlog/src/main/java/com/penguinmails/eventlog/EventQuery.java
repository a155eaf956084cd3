package com.penguinmails.eventlog;

import com.penguinmails.core.events.EventType;
import com.penguinmails.core.events.PlatformEvent;
import com.penguinmails.core.problems.ApiProblem;
import java.time.Instant;
import java.util.Arrays;
import java.util.EnumSet;
import java.util.Locale;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * Filters for reading a workspace's event log; null (an empty {@code types}) means no filter. {@code recipient} and
 * {@code campaignId} match the fields of the same names in the event's {@code data}. Results are newest first;
 * {@code afterPosition} is where the previous page ended ({@link EventLogCursor}), null for the first.
 */
public record EventQuery(String workspaceId, Set<EventType> types, String subject, String recipient, String campaignId,
                         Instant from, Instant to, String afterPosition, int limit) {

    public EventQuery {
        types = types == null || types.isEmpty() ? Set.of() : Set.copyOf(types);
    }

    /** Whether the event passes the filters (types, subject, recipient, campaign, from and to; not the cursor). */
    public boolean matches(PlatformEvent event) {
        return (types.isEmpty() || types.contains(event.type()))
                && (subject == null || subject.equals(event.subject()))
                && (recipient == null || recipient.toLowerCase(Locale.ROOT).equals(EventLogService.recipientOf(event)))
                && (campaignId == null || campaignId.equals(EventLogService.campaignIdOf(event)))
                && (from == null || !event.time().isBefore(from))
                && (to == null || !event.time().isAfter(to));
    }

    /** Whether {@code position} is where a page of ours ended ({@link EventLogCursor}, in the current form or the one before packs). */
    public static boolean isPosition(String position) {
        return EventLogCursor.parse(position) != null;
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
