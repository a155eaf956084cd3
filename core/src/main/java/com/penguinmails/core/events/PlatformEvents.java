package com.penguinmails.core.events;

import com.penguinmails.catalog.FunctionSpec;
import com.penguinmails.core.events.internal.SnsEventPublisher;
import com.penguinmails.core.platform.Platform;

/** How a handler gets the publisher: the event topic the catalog gave it ({@code events: publish}). */
public final class PlatformEvents {

    private PlatformEvents() {
    }

    /**
     * The SNS publisher for the topic in {@value FunctionSpec#EVENT_TOPIC_VARIABLE}. A function the catalog does not
     * mark {@code events: publish} has no such variable, and this fails at once with a message saying so, instead of
     * events being dropped.
     */
    public static PlatformEventPublisher publisher(Platform platform) {
        String topicArn = platform.env(FunctionSpec.EVENT_TOPIC_VARIABLE, null);
        if (topicArn == null) {
            throw new IllegalStateException("environment variable " + FunctionSpec.EVENT_TOPIC_VARIABLE
                    + " is not set: this function publishes platform events, so its catalog entry must say events: publish");
        }
        return new SnsEventPublisher(platform::sns, topicArn);
    }
}
