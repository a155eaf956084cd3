package com.penguinmails.sending.warmup;

import com.penguinmails.core.events.EventType;
import com.penguinmails.core.events.PlatformEvent;
import com.penguinmails.core.events.PlatformEvents;
import com.penguinmails.core.events.ResourcePausedData;
import com.penguinmails.core.events.WarmupSteppedData;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.Optional;

/**
 * Builds the events of a sending resource's (IP's or mailbox's) warmup state as stored: its pause and its daily
 * step. Both are derived from what is stored, so a producer that finds the change made already (a redelivered batch,
 * a repeated API call, a second run of the day's schedule) publishes the same event again.
 */
public final class WarmupEvents {

    /** How a pause at the pause line's reason begins (event ingest); any other pause was a user's. */
    public static final String REPUTATION_PAUSE = "reputation: ";

    private WarmupEvents() {
    }

    /**
     * {@code ip.paused} or {@code mailbox.paused}, its id from the resource and the pause's stored time. None when not
     * paused, or paused without a time (by the daily run, or stored before pauses kept their time).
     */
    public static Optional<PlatformEvent> paused(EventType type, String source, String workspaceId, String resourceId, WarmupState warmup) {
        if (!warmup.isPaused() || warmup.pausedAt() == null) {
            return Optional.empty();
        }
        String pausedBy = warmup.pauseReason().startsWith(REPUTATION_PAUSE) ? "reputation" : "user";
        return Optional.of(PlatformEvent.builder(type)
                .id(PlatformEvent.idFor(type.wireName(), workspaceId, resourceId, warmup.pausedAt().toString()))
                .source(source).time(warmup.pausedAt()).subject(resourceId).workspaceId(workspaceId)
                .correlationId(PlatformEvents.currentCorrelationId())
                .data(PlatformEvents.data(new ResourcePausedData(resourceId, kindOf(type), warmup.pauseReason(), pausedBy, warmup.pausedAt())))
                .build());
    }

    /**
     * {@code warmup.stepped}: the daily run's decision for {@code day}, once that day was evaluated; its id from the
     * resource and the day, its time the start of that day in the resource's zone (when the run is due).
     */
    public static Optional<PlatformEvent> stepped(String source, String workspaceId, String resourceId, String resourceType,
                                                  WarmupState warmup, LocalDate day, ZoneId zone) {
        if (!day.equals(warmup.lastEvaluatedOn())) {
            return Optional.empty();
        }
        // The run's entry is the first of the day that is not a user's resume (a user's pause later that day comes after it).
        return warmup.history().stream().filter(d -> d.date().equals(day) && d.decision() != WarmupDecision.RESUMED).findFirst()
                .map(entry -> PlatformEvent.builder(EventType.WARMUP_STEPPED)
                        .id(PlatformEvent.idFor(EventType.WARMUP_STEPPED.wireName(), workspaceId, resourceId, day.toString()))
                        .source(source).time(day.atStartOfDay(zone).toInstant()).subject(resourceId).workspaceId(workspaceId)
                        .correlationId(PlatformEvents.currentCorrelationId())
                        .data(PlatformEvents.data(new WarmupSteppedData(resourceId, resourceType, day, warmup.step(), entry.cap(),
                                entry.decision().name(), entry.reason())))
                        .build());
    }

    private static String kindOf(EventType type) {
        return type == EventType.IP_PAUSED ? "ip" : "mailbox";
    }
}
