package com.penguinmails.core.events;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.penguinmails.core.platform.Json;
import io.cloudevents.CloudEvent;
import io.cloudevents.core.builder.CloudEventBuilder;
import io.cloudevents.core.format.EventFormat;
import io.cloudevents.core.provider.EventFormatProvider;
import io.cloudevents.jackson.JsonFormat;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import org.junit.jupiter.api.Test;

/** Our CloudEvents JSON against the CloudEvents Java SDK's own reader and writer, both ways. */
class PlatformEventJsonTest {

    private static final EventFormat SDK_JSON = EventFormatProvider.getInstance().resolveFormat(JsonFormat.CONTENT_TYPE);
    private static final Instant TIME = Instant.parse("2030-01-02T03:04:05.678Z");

    private static PlatformEvent delivered() throws Exception {
        return PlatformEvent.builder(EventType.MESSAGE_DELIVERED)
                .id(PlatformEvent.idFor("message.delivered", "msg_1", "ses-1"))
                .source("/penguinmails/event-ingest").time(TIME).subject("msg_1")
                .workspaceId("ws_1").correlationId("corr-7")
                .data(Json.MAPPER.readTree("{\"recipient\":\"ada@example.org\",\"ipId\":\"ip_1\",\"attempt\":2}"))
                .build();
    }

    @Test
    void theSdkReadsWhatWeWrite() throws Exception {
        PlatformEvent event = delivered();

        CloudEvent read = SDK_JSON.deserialize(PlatformEventJson.write(event).getBytes(StandardCharsets.UTF_8));

        assertThat(read.getSpecVersion().toString()).isEqualTo("1.0");
        assertThat(read.getId()).isEqualTo(event.id());
        assertThat(read.getSource()).isEqualTo(URI.create("/penguinmails/event-ingest"));
        assertThat(read.getType()).isEqualTo("message.delivered");
        assertThat(read.getTime().toInstant()).isEqualTo(TIME);
        assertThat(read.getSubject()).isEqualTo("msg_1");
        assertThat(read.getDataContentType()).isEqualTo("application/json");
        assertThat(read.getExtension("workspaceid")).isEqualTo("ws_1");
        assertThat(read.getExtension("correlationid")).isEqualTo("corr-7");
        assertThat(Json.MAPPER.readTree(read.getData().toBytes())).isEqualTo(event.data());
    }

    @Test
    void weReadWhatTheSdkWrites() throws Exception {
        JsonNode data = Json.MAPPER.readTree("{\"keyId\":\"key_9\",\"scopes\":[\"full\"]}");
        CloudEvent written = CloudEventBuilder.v1()
                .withId("e-1").withSource(URI.create("/penguinmails/api-keys-api")).withType("api-key.revoked")
                .withTime(OffsetDateTime.ofInstant(TIME, ZoneOffset.ofHours(2))).withSubject("key_9")
                .withData("application/json", Json.MAPPER.writeValueAsBytes(data))
                .withExtension("workspaceid", "ws_2").withExtension("correlationid", "corr-8")
                .withExtension("traceparent", "00-abc-def-01")
                .build();

        PlatformEvent read = PlatformEventJson.read(new String(SDK_JSON.serialize(written), StandardCharsets.UTF_8));

        assertThat(read).isEqualTo(new PlatformEvent("e-1", "/penguinmails/api-keys-api", EventType.API_KEY_REVOKED, TIME,
                "key_9", "ws_2", "corr-8", data));
    }

    @Test
    void writesTheAttributesPatternsMatchOnAtTheTopLevel() throws Exception {
        JsonNode written = Json.MAPPER.readTree(PlatformEventJson.write(delivered()));

        assertThat(written.fieldNames()).toIterable().containsExactly("specversion", "id", "source", "type", "time",
                "subject", "datacontenttype", "workspaceid", "correlationid", "data");
        assertThat(PlatformEventJson.read(written)).isEqualTo(delivered());
    }

    @Test
    void refusesWhatIsNotAPlatformEventNamingTheAttribute() {
        String ok = "{\"specversion\":\"1.0\",\"id\":\"e\",\"source\":\"/s\",\"type\":\"message.sent\","
                + "\"time\":\"2030-01-01T00:00:00Z\",\"workspaceid\":\"ws\",\"data\":{}}";
        assertThat(PlatformEventJson.read(ok).type()).isEqualTo(EventType.MESSAGE_SENT);
        assertThatThrownBy(() -> PlatformEventJson.read(ok.replace("\"1.0\"", "\"0.3\"")))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("specversion");
        assertThatThrownBy(() -> PlatformEventJson.read(ok.replace("message.sent", "message.teleported")))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("type");
        assertThatThrownBy(() -> PlatformEventJson.read(ok.replace("\"workspaceid\":\"ws\",", "")))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("workspaceid");
        assertThatThrownBy(() -> PlatformEventJson.read(ok.replace("2030-01-01T00:00:00Z", "yesterday")))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("time");
        assertThatThrownBy(() -> PlatformEventJson.read(ok.replace(",\"data\":{}", "")))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("data");
        assertThatThrownBy(() -> PlatformEventJson.read("[1]"))
                .isInstanceOf(IllegalArgumentException.class);
    }
}
