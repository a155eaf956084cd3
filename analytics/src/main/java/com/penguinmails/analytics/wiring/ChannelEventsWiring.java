package com.penguinmails.analytics.wiring;

import com.penguinmails.analytics.channels.ChannelEventService;
import com.penguinmails.core.CoreWiring;
import com.penguinmails.core.events.PlatformEvents;
import com.penguinmails.core.platform.Platform;

/** Builds the channel-events intake from a {@link Platform}: it publishes through the platform-event port, nothing else. */
public final class ChannelEventsWiring {

    private ChannelEventsWiring() {
    }

    public static ChannelEventService service(Platform platform) {
        return new ChannelEventService(CoreWiring.platformEvents(platform), platform.clock(), PlatformEvents.sourceOf(platform));
    }
}
