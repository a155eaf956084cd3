package com.penguinmails.analytics.recommendations;

import java.util.Arrays;
import java.util.Optional;
import java.util.stream.Collectors;

/** What a recommendation is about; the wire names are what {@code ?type=} takes. SES's types, plus ours. */
public enum RecommendationType {
    SPF("spf"),
    DKIM("dkim"),
    DMARC("dmarc"),
    BOUNCE("bounce"),
    COMPLAINT("complaint"),
    /** One recipient mailbox provider delivers far worse than the others. */
    PROVIDER_DELIVERY("provider-delivery"),
    /** One recipient mailbox provider puts far more of the warmup mail in spam than the others. */
    PROVIDER_PLACEMENT("provider-placement"),
    WARMUP_CAP("warmup-cap"),
    SEND_HOURS("send-hours"),
    VARIANT("variant");

    private final String wireName;

    RecommendationType(String wireName) {
        this.wireName = wireName;
    }

    public String wireName() {
        return wireName;
    }

    public static Optional<RecommendationType> fromWire(String name) {
        return Arrays.stream(values()).filter(t -> t.wireName.equals(name)).findFirst();
    }

    public static String wireNames() {
        return Arrays.stream(values()).map(RecommendationType::wireName).collect(Collectors.joining(", "));
    }
}
