package com.penguinmails.analytics.channels;

import com.fasterxml.jackson.databind.JsonNode;
import com.penguinmails.analytics.channels.ChannelEventResult.Status;
import com.penguinmails.core.events.ChannelActivityData;
import com.penguinmails.core.events.EventType;
import com.penguinmails.core.events.PlatformEvent;
import com.penguinmails.core.events.PlatformEventPublisher;
import com.penguinmails.core.events.PlatformEvents;
import com.penguinmails.core.problems.ApiProblem;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Takes activity from other channels ({@code POST /v1/channel-events}) and publishes each valid item as a
 * {@code channel.activity} platform event, so the roll-ups, the funnel and the event log see it like any other.
 *
 * <p>Each item is checked on its own: the valid ones are published even when others in the body are not. An item's
 * event id is derived from the workspace and its {@code idempotencyId}, so a body sent again (a client retry after a
 * timeout) publishes the same events, which every consumer de-duplicates by id; within one body, a second item with
 * an idempotencyId already seen is answered {@code duplicate} and not published again.
 */
public final class ChannelEventService {

    public static final int MAX_EVENTS = 1000;

    private final PlatformEventPublisher events;
    private final Clock clock;
    private final String source;

    public ChannelEventService(PlatformEventPublisher events, Clock clock, String source) {
        this.events = events;
        this.clock = clock;
        this.source = source;
    }

    /**
     * @param body one event object, or {@code {"events": [...]}} with 1 to {@value #MAX_EVENTS} of them
     * @throws ApiProblem 400 when the body is neither
     */
    public ChannelEventSubmission submit(String workspaceId, JsonNode body) {
        List<JsonNode> items = new ArrayList<>();
        boolean batch = body != null && body.isObject() && body.has("events");
        if (batch) {
            if (body.size() != 1) {
                throw ApiProblem.badRequest("invalid-batch", "A batch body has only the field 'events': {\"events\": [ ... ]}.");
            }
            JsonNode list = body.get("events");
            if (!list.isArray() || list.isEmpty() || list.size() > MAX_EVENTS) {
                throw new ApiProblem(400, "invalid-batch", "Bad Request", "Field 'events' must be an array of 1 to " + MAX_EVENTS
                        + " events" + (list.isArray() ? " (it has " + list.size() + ")" : "") + "; send more in several requests.",
                        Map.of("field", "events", "maxEvents", MAX_EVENTS), Map.of());
            }
            list.forEach(items::add);
        } else if (body != null && body.isObject()) {
            items.add(body);
        } else {
            throw ApiProblem.badRequest("invalid-json", "The body must be one event object or {\"events\": [ ... ]}.");
        }

        Instant now = clock.instant();
        List<ChannelEventResult> results = new ArrayList<>();
        List<PlatformEvent> accepted = new ArrayList<>();
        Set<String> seen = new HashSet<>();
        for (int i = 0; i < items.size(); i++) {
            ChannelEventValidator.Checked checked = ChannelEventValidator.check(items.get(i), batch ? "events[" + i + "]" : "", now);
            if (checked.data() == null) {
                results.add(new ChannelEventResult(i, Status.rejected, null, checked.errors()));
                continue;
            }
            String id = eventId(workspaceId, checked.data().idempotencyId());
            if (!seen.add(id)) {
                results.add(new ChannelEventResult(i, Status.duplicate, id, List.of()));
                continue;
            }
            accepted.add(event(workspaceId, id, checked.data()));
            results.add(new ChannelEventResult(i, Status.accepted, id, List.of()));
        }
        if (!accepted.isEmpty()) {
            // All or nothing: on a failure the caller gets a 5xx and sends the body again, which makes the same events.
            events.publish(accepted);
        }
        return new ChannelEventSubmission(results);
    }

    /** The id every publication of the item gets: its workspace and the caller's idempotency id, nothing else. */
    public static String eventId(String workspaceId, String idempotencyId) {
        return PlatformEvent.idFor(EventType.CHANNEL_ACTIVITY.wireName(), workspaceId, idempotencyId);
    }

    private PlatformEvent event(String workspaceId, String id, ChannelActivityData data) {
        return PlatformEvent.builder(EventType.CHANNEL_ACTIVITY).id(id).source(source).time(data.occurredAt())
                .subject(data.contact()).workspaceId(workspaceId).correlationId(PlatformEvents.currentCorrelationId())
                .data(PlatformEvents.data(data)).build();
    }
}
