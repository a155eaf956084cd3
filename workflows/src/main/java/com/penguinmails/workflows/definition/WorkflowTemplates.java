package com.penguinmails.workflows.definition;

import com.fasterxml.jackson.databind.JsonNode;
import com.penguinmails.core.platform.Json;
import java.io.UncheckedIOException;
import java.util.LinkedHashMap;
import java.util.Map;

/** The built-in workflows, as definitions a workspace starts from (each reads as a valid definition). */
public final class WorkflowTemplates {

    private static final Map<String, String> TEMPLATES = new LinkedHashMap<>();

    static {
        TEMPLATES.put("pause-campaign-on-bounces", """
                {"name": "Pause a campaign when its bounce rate crosses 5 %",
                 "trigger": {"type": "metric", "metric": "bounceRate", "threshold": 0.05, "window": "24h", "groupBy": "campaign", "minimumVolume": 100},
                 "steps": [{"type": "pause-campaign", "campaignId": "{{run.campaignId}}"},
                           {"type": "notify", "roles": ["owner", "admin"], "subject": "Campaign paused: bounce rate over 5 %",
                            "text": "Campaign {{run.campaignId}} bounced {{run.value}} of its mail in the last 24 hours and was paused."}]}""");
        TEMPLATES.put("stop-and-tag-on-reply", """
                {"name": "Stop and tag a contact who replies",
                 "trigger": {"type": "event", "eventType": "channel.activity"},
                 "conditions": [{"path": "event.data.type", "operator": "equals", "value": "replied"},
                                {"path": "event.data.properties.autoReply", "operator": "not-equals", "value": "true"}],
                 "steps": [{"type": "stop-sequence", "campaignId": "{{event.data.campaignId}}", "contact": "{{event.data.contact}}"},
                           {"type": "tag-contact", "contact": "{{event.data.contact}}", "tag": "replied"}]}""");
        TEMPLATES.put("weekly-summary", """
                {"name": "Weekly summary to the owners",
                 "trigger": {"type": "schedule", "cron": "0 8 * * MON", "timeZone": "UTC"},
                 "steps": [{"type": "notify", "roles": ["owner"], "subject": "Your week in PenguinMails",
                            "text": "Sent, delivered, opened, replied and bounced over the last 7 days, per campaign."}]}""");
    }

    private WorkflowTemplates() {
    }

    public static Map<String, JsonNode> all() {
        Map<String, JsonNode> parsed = new LinkedHashMap<>();
        TEMPLATES.forEach((name, json) -> {
            try {
                parsed.put(name, Json.MAPPER.readTree(json));
            } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
                throw new UncheckedIOException(e);
            }
        });
        return parsed;
    }
}
