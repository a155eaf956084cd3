package com.penguinmails.eventlog;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.penguinmails.core.events.EventType;
import com.penguinmails.core.events.PlatformEvent;
import com.penguinmails.core.platform.Json;
import java.time.Instant;
import org.junit.jupiter.api.Test;

class CloudEventJsonTest {

    private final PlatformEvent event = PlatformEvent.builder(EventType.MESSAGE_BOUNCED).id("e1").source("/penguinmails/event-ingest")
            .time(Instant.parse("2027-03-01T12:00:00.123Z")).subject("msg_1").workspaceId("ws_1").correlationId("req_1")
            .data(Json.MAPPER.createObjectNode().put("recipient", "ada@example.org")).build();

    @Test
    void whatItWritesItReadsBackAndExtensionsWeDoNotUseAreIgnored() throws Exception {
        var node = CloudEventJson.toNode(event);
        assertThat(node.path("specversion").asText()).isEqualTo("1.0");
        assertThat(node.path("workspaceid").asText()).isEqualTo("ws_1");
        assertThat(node.path("datacontenttype").asText()).isEqualTo("application/json");
        node.put("traceparent", "00-abc-def-01");

        assertThat(CloudEventJson.read(Json.MAPPER.writeValueAsString(node))).isEqualTo(event);
    }

    @Test
    void anEnvelopeThatIsNotOneOfOurEventsIsRefusedNamingTheAttribute() throws Exception {
        String json = Json.MAPPER.writeValueAsString(CloudEventJson.toNode(event));
        assertThatThrownBy(() -> CloudEventJson.read(json.replace("\"1.0\"", "\"0.3\""))).hasMessageContaining("specversion");
        assertThatThrownBy(() -> CloudEventJson.read(json.replace("message.bounced", "message.exploded"))).hasMessageContaining("type");
        assertThatThrownBy(() -> CloudEventJson.read(json.replace("\"workspaceid\"", "\"workspace\""))).hasMessageContaining("workspaceid");
        assertThatThrownBy(() -> CloudEventJson.read(json.replace("2027-03-01T12:00:00.123Z", "yesterday"))).hasMessageContaining("time");
        assertThatThrownBy(() -> CloudEventJson.read("[1]")).hasMessageContaining("JSON object");
        assertThatThrownBy(() -> CloudEventJson.read("{")).hasMessageContaining("JSON object");
    }
}
