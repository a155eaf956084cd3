package com.penguinmails.workflows.definition;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.penguinmails.core.platform.Json;
import com.penguinmails.core.problems.FieldError;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

class WorkflowDefinitionsTest {

    @Test
    void everyTemplateIsAValidDefinition() {
        WorkflowTemplates.all().forEach((name, definition) -> assertThat(WorkflowDefinitions.read(definition, Map.of()))
                .as(name).isInstanceOf(WorkflowDefinitions.Valid.class));
    }

    @Test
    void badDefinitionsAreRefusedWithThePathOfEachError() {
        List<String> paths = errors("""
                {"name": "bad", "trigger": {"type": "event", "eventType": "message.teleported"},
                 "conditions": [{"path": "event.data.x", "operator": "roughly", "value": 1}, {"path": "event.type", "operator": "exists", "value": 1}],
                 "steps": [
                   {"type": "pause-campaign"},
                   {"type": "launch-rockets"},
                   {"type": "wait", "duration": "400d"},
                   {"type": "branch", "when": [{"path": "event.data.bounceType", "operator": "equals", "value": "hard"}],
                    "then": [{"type": "webhook", "url": "http://example.org/hook"}]},
                   {"type": "split", "arms": [{"percent": 60, "steps": []}, {"percent": 30, "steps": []}]},
                   {"type": "wait-until", "eventType": "message.opened", "timeout": "3d", "onTimeout": [{"type": "notify", "roles": ["boss"], "subject": "s", "text": "t"}]}
                 ]}""");
        assertThat(paths).contains("trigger.eventType", "conditions[0].operator", "conditions[1].value", "steps[0].campaignId", "steps[1].type",
                "steps[2].duration", "steps[3].then[0].url", "steps[4].arms", "steps[5].onTimeout[0].roles");
        assertThat(errors("{\"name\": \"x\", \"trigger\": {\"type\": \"sometimes\"}, \"steps\": [{\"type\": \"wait\", \"duration\": \"1h\"}]}"))
                .containsExactly("trigger.type");
        assertThat(errors("{\"name\": \"x\", \"trigger\": {\"type\": \"schedule\", \"cron\": \"every monday\"}, \"steps\": [{\"type\": \"wait\", \"duration\": \"1h\"}]}"))
                .containsExactly("trigger.cron");
    }

    @Test
    void moreThanAHundredStepsCountingNestedOnesIsRefused() {
        StringBuilder steps = new StringBuilder();
        for (int i = 0; i < 60; i++) {
            steps.append(i == 0 ? "" : ",").append("{\"type\": \"branch\", \"when\": [{\"path\": \"event.type\", \"operator\": \"exists\"}],"
                    + " \"then\": [{\"type\": \"wait\", \"duration\": \"1h\"}]}");
        }
        assertThat(errors("{\"name\": \"x\", \"trigger\": {\"type\": \"manual\"}, \"steps\": [" + steps + "]}")).containsExactly("steps");
    }

    @Test
    void aMoveThatClosesACycleWithAnotherWorkflowsMovesIsRefused() {
        String definition = """
                {"name": "move on reply", "trigger": {"type": "event", "eventType": "channel.activity", "campaignId": "cmp_A"},
                 "steps": [{"type": "branch", "when": [{"path": "event.data.type", "operator": "equals", "value": "replied"}],
                            "then": [{"type": "move-contact", "contact": "{{event.data.contact}}", "toCampaignId": "cmp_B"}]}]}""";
        assertThat(WorkflowDefinitions.read(json(definition), Map.of())).isInstanceOf(WorkflowDefinitions.Valid.class);
        assertThat(WorkflowDefinitions.read(json(definition), Map.of("cmp_B", Set.of("cmp_C"), "cmp_C", Set.of("cmp_A"))))
                .isInstanceOfSatisfying(WorkflowDefinitions.Invalid.class, invalid -> assertThat(invalid.errors())
                        .extracting(FieldError::path).containsExactly("steps[0].then[0].toCampaignId"));
    }

    @Test
    void aDryRunSaysWhichConditionsMatchedAndWhatWouldRunChangingNothing() {
        WorkflowDefinition definition = ((WorkflowDefinitions.Valid) WorkflowDefinitions.read(WorkflowTemplates.all().get("stop-and-tag-on-reply"),
                Map.of())).definition();
        JsonNode reply = json("""
                {"type": "channel.activity", "data": {"channel": "email", "type": "replied", "contact": "ann@example.org", "campaignId": "cmp_X",
                 "properties": {"autoReply": "false"}}}""");
        WorkflowDryRun.Result result = WorkflowDryRun.run(definition, reply);
        assertThat(result.triggered()).isTrue();
        assertThat(result.conditions()).extracting(WorkflowDryRun.ConditionResult::matched).containsExactly(true, true);
        assertThat(result.wouldRun()).isTrue();
        assertThat(result.steps()).extracting(WorkflowDryRun.Planned::type).containsExactly("stop-sequence", "tag-contact");
        assertThat(result.steps().get(0).parameters()).containsEntry("campaignId", "cmp_X").containsEntry("contact", "ann@example.org");

        JsonNode outOfOffice = json("""
                {"type": "channel.activity", "data": {"type": "replied", "contact": "bo@example.org", "properties": {"autoReply": "true"}}}""");
        WorkflowDryRun.Result auto = WorkflowDryRun.run(definition, outOfOffice);
        assertThat(auto.conditions().get(1).matched()).isFalse();
        assertThat(auto.conditions().get(1).actual().asText()).isEqualTo("true");
        assertThat(auto.wouldRun()).isFalse();
        assertThat(auto.steps()).isEmpty();

        WorkflowDryRun.Result other = WorkflowDryRun.run(definition, json("{\"type\": \"message.opened\", \"data\": {}}"));
        assertThat(other.triggered()).isFalse();
        assertThat(other.reason()).contains("channel.activity");
    }

    private static List<String> errors(String definition) {
        WorkflowDefinitions.Reading reading = WorkflowDefinitions.read(json(definition), Map.of());
        assertThat(reading).isInstanceOf(WorkflowDefinitions.Invalid.class);
        return ((WorkflowDefinitions.Invalid) reading).errors().stream().map(FieldError::path).toList();
    }

    private static JsonNode json(String text) {
        try {
            return Json.MAPPER.readTree(text);
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            throw new AssertionError(e);
        }
    }
}
