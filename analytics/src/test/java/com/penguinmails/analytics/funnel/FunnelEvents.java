package com.penguinmails.analytics.funnel;

import com.penguinmails.core.events.ChannelActivityData;
import com.penguinmails.core.events.EventType;
import com.penguinmails.core.events.MessageEventData;
import com.penguinmails.core.events.PlatformEvent;
import com.penguinmails.core.events.PlatformEvents;
import java.time.Instant;
import java.util.List;

/** Platform events as their producers make them, for the funnel's tests and its benchmark. */
public final class FunnelEvents {

    private FunnelEvents() {
    }

    public static PlatformEvent channel(String workspaceId, String campaignId, String channel, String type, String contact, Instant at) {
        String idempotencyId = channel + "-" + type + "-" + contact + "-" + at.toEpochMilli();
        return PlatformEvent.builder(EventType.CHANNEL_ACTIVITY).id(PlatformEvent.idFor("channel.activity", workspaceId, idempotencyId))
                .source("/penguinmails/channel-events-api").time(at).subject(contact).workspaceId(workspaceId)
                .data(PlatformEvents.data(new ChannelActivityData(channel, type, contact, campaignId, null, null, at, idempotencyId, null)))
                .build();
    }

    public static PlatformEvent message(String workspaceId, String campaignId, EventType type, String recipient, Instant at, boolean machine) {
        String messageId = "msg_" + Integer.toHexString((campaignId + recipient).hashCode());
        boolean engagement = type == EventType.MESSAGE_OPENED || type == EventType.MESSAGE_CLICKED;
        MessageEventData data = new MessageEventData(messageId, recipient, campaignId, List.of(), "ip_1", "acme.test", null, null, null,
                null, null, at, engagement ? machine : null, engagement ? !machine : null);
        return PlatformEvent.builder(type).id(PlatformEvent.idFor(type.wireName(), messageId, at.toString())).source("/penguinmails/event-ingest")
                .time(at).subject(messageId).workspaceId(workspaceId).data(PlatformEvents.data(data)).build();
    }
}
