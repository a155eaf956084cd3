package com.penguinmails.sending.suppressions;

import com.penguinmails.core.events.EventType;
import com.penguinmails.core.events.PlatformEvent;
import com.penguinmails.core.events.PlatformEvents;
import com.penguinmails.core.events.SuppressionAddedData;
import java.time.Instant;
import java.time.temporal.ChronoUnit;

/** Builds {@code suppression.added} from a suppression as stored, the same whoever builds it. */
public final class SuppressionEvents {

    private SuppressionEvents() {
    }

    /**
     * Its id is the address, the scope and the stored creation time, so every producer that finds the same suppression
     * (event ingest for each delivery event that implies it, the API for a repeated add) publishes the same event.
     */
    public static PlatformEvent added(Suppression s, String source) {
        Instant created = s.createdAt().truncatedTo(ChronoUnit.MILLIS);
        return PlatformEvent.builder(EventType.SUPPRESSION_ADDED)
                .id(PlatformEvent.idFor(EventType.SUPPRESSION_ADDED.wireName(), s.workspaceId(), s.email(), s.scope(), created.toString()))
                .source(source).time(created).subject(s.email()).workspaceId(s.workspaceId())
                .correlationId(PlatformEvents.currentCorrelationId())
                .data(PlatformEvents.data(new SuppressionAddedData(s.email(), s.scope(), s.reason().name(), s.source(), created)))
                .build();
    }
}
