package com.penguinmails.analytics.channels;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.penguinmails.analytics.channels.ChannelEventResult.Status;
import com.penguinmails.core.events.EventType;
import com.penguinmails.core.events.PlatformEvent;
import com.penguinmails.core.platform.Json;
import com.penguinmails.core.problems.ApiProblem;
import com.penguinmails.core.testing.RecordingEventPublisher;
import com.penguinmails.core.testing.TestClock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

class ChannelEventServiceTest {

    private static final String WS = "ws_Channe1Events00000000001";
    private final TestClock clock = new TestClock(Instant.parse("2026-11-20T10:00:00Z"));
    private final RecordingEventPublisher bus = new RecordingEventPublisher();
    private final ChannelEventService service = new ChannelEventService(bus, clock, "/penguinmails/channel-events-api");

    private ObjectNode item(String channel, String type, String contact, String idempotencyId, Instant at) {
        ObjectNode item = Json.MAPPER.createObjectNode();
        item.put("channel", channel).put("type", type).put("contact", contact).put("campaignId", "cmp_1")
                .put("occurredAt", at.toString()).put("idempotencyId", idempotencyId);
        return item;
    }

    private JsonNode batch(JsonNode... items) {
        ObjectNode body = Json.MAPPER.createObjectNode();
        ArrayNode events = body.putArray("events");
        for (JsonNode item : items) {
            events.add(item);
        }
        return body;
    }

    @Test
    void aSingleItemBecomesOneChannelActivityEventAtItsOwnTimeWithAnIdFromItsIdempotencyId() {
        Instant at = clock.instant().minus(Duration.ofHours(3));
        ObjectNode item = item("linkedin", "connected", "Ann@Example.org", "li-42", at);
        item.put("step", 2).put("variant", "b").putObject("properties").put("profile", "https://linkedin.test/in/ann");

        ChannelEventSubmission result = service.submit(WS, item);

        assertThat(result.results()).singleElement().satisfies(r -> {
            assertThat(r.status()).isEqualTo(Status.accepted);
            assertThat(r.index()).isZero();
            assertThat(r.eventId()).isEqualTo(PlatformEvent.idFor("channel.activity", WS, "li-42"));
        });
        PlatformEvent event = bus.published().get(0);
        assertThat(event.type()).isEqualTo(EventType.CHANNEL_ACTIVITY);
        assertThat(event.time()).isEqualTo(at);
        assertThat(event.workspaceId()).isEqualTo(WS);
        assertThat(event.subject()).isEqualTo("ann@example.org");
        assertThat(event.data().get("contact").asText()).isEqualTo("ann@example.org");
        assertThat(event.data().get("step").asInt()).isEqualTo(2);
        assertThat(event.data().get("properties").get("profile").asText()).startsWith("https://");
    }

    @Test
    void aBatchPublishesTheValidItemsAndNamesThePathOfEveryProblemOfTheOthers() {
        Instant now = clock.instant();
        ObjectNode bad = item("LinkedIn", "replied", "not an id", "x-1", now.minus(Duration.ofDays(31)));
        bad.put("step", 0).put("colour", "red");
        JsonNode body = batch(item("sms", "sent", "+33 6 00", "s-1", now).put("contact", "crm:123"),
                bad, item("call", "replied", "bob@example.org", "c-1", now.plus(Duration.ofMinutes(6))),
                item("meeting", "meeting-booked", "bob@example.org", "m-1", now.plus(Duration.ofMinutes(4))));

        ChannelEventSubmission result = service.submit(WS, body);

        assertThat(result.results()).extracting(ChannelEventResult::status)
                .containsExactly(Status.accepted, Status.rejected, Status.rejected, Status.accepted);
        assertThat(result.results().get(1).errors()).extracting(ChannelEventResult.FieldError::path)
                .containsExactlyInAnyOrder("events[1].colour", "events[1].channel", "events[1].contact", "events[1].step", "events[1].occurredAt");
        assertThat(result.results().get(2).errors()).singleElement()
                .satisfies(e -> assertThat(e.message()).contains("5 minutes in the future"));
        assertThat(bus.published()).hasSize(2);
        assertThat(result.accepted()).isEqualTo(2);
    }

    @Test
    void theSameIdempotencyIdTwiceInABodyIsOneEventAndABodySentAgainMakesTheSameEvents() {
        Instant now = clock.instant();
        JsonNode body = batch(item("sms", "sent", "ann@example.org", "s-1", now), item("sms", "sent", "ann@example.org", "s-1", now));

        ChannelEventSubmission first = service.submit(WS, body);
        ChannelEventSubmission again = service.submit(WS, body);

        assertThat(first.results()).extracting(ChannelEventResult::status).containsExactly(Status.accepted, Status.duplicate);
        assertThat(first.results().get(1).eventId()).isEqualTo(first.results().get(0).eventId());
        assertThat(again.results().get(0).eventId()).isEqualTo(first.results().get(0).eventId());
        assertThat(bus.delivered()).hasSize(1);
    }

    @Test
    void anotherWorkspacesSameIdempotencyIdIsAnotherEvent() {
        String eventId = ChannelEventService.eventId(WS, "s-1");
        assertThat(ChannelEventService.eventId("ws_Other00000000000000000001", "s-1")).isNotEqualTo(eventId);
    }

    @Test
    void aBodyThatIsNeitherAnEventNorABatchOfOneToAThousandIsA400() {
        ArrayNode tooMany = Json.MAPPER.createArrayNode();
        for (int i = 0; i <= ChannelEventService.MAX_EVENTS; i++) {
            tooMany.add(item("sms", "sent", "a@example.org", "s-" + i, clock.instant()));
        }
        ObjectNode big = Json.MAPPER.createObjectNode();
        big.set("events", tooMany);

        assertThatThrownBy(() -> service.submit(WS, big)).isInstanceOfSatisfying(ApiProblem.class, p -> {
            assertThat(p.status()).isEqualTo(400);
            assertThat(p.getMessage()).contains("1 to 1000").contains("1001");
        });
        assertThatThrownBy(() -> service.submit(WS, batch())).isInstanceOf(ApiProblem.class);
        assertThatThrownBy(() -> service.submit(WS, Json.MAPPER.createArrayNode())).isInstanceOf(ApiProblem.class);
        assertThat(bus.published()).isEmpty();
    }

    @Test
    void whenNothingIsValidNothingIsPublished() {
        ChannelEventSubmission result = service.submit(WS, batch(Json.MAPPER.createObjectNode(), Json.MAPPER.getNodeFactory().textNode("x")));

        assertThat(result.accepted()).isZero();
        assertThat(result.results().get(0).errors()).extracting(ChannelEventResult.FieldError::path)
                .containsExactlyInAnyOrder("events[0].channel", "events[0].type", "events[0].contact", "events[0].occurredAt", "events[0].idempotencyId");
        assertThat(result.results().get(1).errors()).extracting(ChannelEventResult.FieldError::path).containsExactly("events[1]");
        assertThat(bus.calls()).isZero();
    }

    @Test
    void customTypesAndChannelsAreTaken() {
        ChannelEventSubmission result = service.submit(WS, item("whatsapp-business", "voice-note", "ann@example.org", "w-1", clock.instant()));
        assertThat(result.accepted()).isEqualTo(1);
        assertThat(List.copyOf(bus.published())).singleElement().satisfies(e -> assertThat(e.data().get("channel").asText()).isEqualTo("whatsapp-business"));
    }
}
