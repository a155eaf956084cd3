package com.penguinmails.analytics;

import java.util.Arrays;
import java.util.Optional;
import java.util.stream.Collectors;

/** What the roll-ups are counted by, besides time. */
public enum Dimension {
    CAMPAIGN("campaign"),
    DOMAIN("domain"),
    IP("ip"),
    POOL("pool"),
    MAILBOX("mailbox"),
    PROVIDER("provider"),
    TAG("tag"),
    CHANNEL("channel"),
    STEP("step"),
    VARIANT("variant"),
    /** The hour of the day (00 to 23, UTC) the message was sent in, for opens and replies by sending hour. */
    SEND_HOUR("sendHour");

    private final String wireName;

    Dimension(String wireName) {
        this.wireName = wireName;
    }

    public String wireName() {
        return wireName;
    }

    public static Optional<Dimension> fromWire(String name) {
        return Arrays.stream(values()).filter(d -> d.wireName.equals(name)).findFirst();
    }

    public static String wireNames() {
        return Arrays.stream(values()).map(Dimension::wireName).collect(Collectors.joining(", "));
    }
}
