package com.penguinmails.workflows.definition;

import java.util.Arrays;
import java.util.List;
import java.util.Optional;

/** The actions a workflow step may take, each with the parameters it requires. */
public enum ActionType {
    PAUSE_CAMPAIGN("pause-campaign", List.of("campaignId")),
    RESUME_CAMPAIGN("resume-campaign", List.of("campaignId")),
    PAUSE_RESOURCE("pause-resource", List.of("resourceId")),
    RESUME_RESOURCE("resume-resource", List.of("resourceId")),
    STOP_SEQUENCE("stop-sequence", List.of("campaignId", "contact")),
    SUPPRESS("suppress", List.of("email")),
    TAG_CONTACT("tag-contact", List.of("contact", "tag")),
    UNTAG_CONTACT("untag-contact", List.of("contact", "tag")),
    MOVE_CONTACT("move-contact", List.of("contact", "toCampaignId")),
    REQUEST_APPROVAL("request-approval", List.of("summary")),
    NOTIFY("notify", List.of("roles", "subject", "text")),
    WEBHOOK("webhook", List.of("url"));

    private final String wireName;
    private final List<String> required;

    ActionType(String wireName, List<String> required) {
        this.wireName = wireName;
        this.required = required;
    }

    public String wireName() {
        return wireName;
    }

    public List<String> required() {
        return required;
    }

    public static Optional<ActionType> fromWire(String value) {
        return Arrays.stream(values()).filter(a -> a.wireName.equals(value)).findFirst();
    }
}
