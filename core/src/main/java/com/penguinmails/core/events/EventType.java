package com.penguinmails.core.events;

import java.util.Arrays;
import java.util.Optional;

/**
 * Every kind of platform event, with its CloudEvents {@code type} as consumers see it. Each has a JSON Schema for its
 * {@code data} ({@code penguinmails/events/<type>.schema.json}) and is listed in the AsyncAPI document
 * ({@code penguinmails/asyncapi.yaml}); AsyncApiContractTest keeps both in step with this enum.
 */
public enum EventType {
    MESSAGE_SENT("message.sent"),
    MESSAGE_DELIVERED("message.delivered"),
    MESSAGE_DEFERRED("message.deferred"),
    MESSAGE_BOUNCED("message.bounced"),
    MESSAGE_COMPLAINED("message.complained"),
    MESSAGE_FAILED("message.failed"),
    MESSAGE_OPENED("message.opened"),
    MESSAGE_CLICKED("message.clicked"),
    MESSAGE_UNSUBSCRIBED("message.unsubscribed"),
    IP_PAUSED("ip.paused"),
    IP_RESUMED("ip.resumed"),
    MAILBOX_PAUSED("mailbox.paused"),
    MAILBOX_RESUMED("mailbox.resumed"),
    REPUTATION_CHANGED("reputation.changed"),
    WARMUP_STEPPED("warmup.stepped"),
    PLACEMENT_OBSERVED("placement.observed"),
    API_KEY_CREATED("api-key.created"),
    API_KEY_ROTATED("api-key.rotated"),
    API_KEY_REVOKED("api-key.revoked"),
    SUPPRESSION_ADDED("suppression.added"),
    SUPPRESSION_REMOVED("suppression.removed"),
    CHANNEL_ACTIVITY("channel.activity");

    private final String wireName;

    EventType(String wireName) {
        this.wireName = wireName;
    }

    /** As written in the envelope's {@code type} and in catalog patterns, e.g. {@code message.delivered}. */
    public String wireName() {
        return wireName;
    }

    public static Optional<EventType> fromWireName(String name) {
        return Arrays.stream(values()).filter(t -> t.wireName.equals(name)).findFirst();
    }
}
