package com.penguinmails.sending.suppressions;

import com.penguinmails.identity.IdentityWiring;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.penguinmails.embedded.EmbeddedDynamoDbExtension;
import com.penguinmails.identity.audit.Caller;
import com.penguinmails.core.auth.Principal;
import com.penguinmails.core.platform.Platform;
import com.penguinmails.core.events.EventType;
import com.penguinmails.core.events.PlatformEvent;
import com.penguinmails.core.events.PlatformEvents;
import com.penguinmails.sending.suppressions.internal.DynamoDbSuppressionStore;
import com.penguinmails.core.testing.RecordingEventPublisher;
import com.penguinmails.core.testing.TestClock;
import com.penguinmails.core.testing.TestPlatforms;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * An address added through the API is published as {@code suppression.added} from the stored suppression, and a
 * retried add after the first stopped before publishing publishes the same event; a suppression a delivery event made
 * is left to event ingest. On DynamoDB (dynalite).
 */
class SuppressionPlatformEventsTest {

    @RegisterExtension
    static final EmbeddedDynamoDbExtension DYNAMO = new EmbeddedDynamoDbExtension();

    private static final String WS = "ws_Supp3ssi0nEv3nts000001";

    private final TestClock clock = new TestClock(Instant.parse("2026-11-20T09:30:00.700Z"));
    private final RecordingEventPublisher bus = new RecordingEventPublisher();
    private final Caller caller = new Caller(new Principal(WS, "key_1", "apikey:key_1", List.of("full"), 100), "127.0.0.1");
    private SuppressionService suppressions;

    @BeforeEach
    void setUp() {
        Platform platform = TestPlatforms.withAllTables(DYNAMO, clock, Map.of());
        suppressions = new SuppressionService(new DynamoDbSuppressionStore(platform.dynamoDb(), platform.tableName("suppressions")),
                IdentityWiring.auditRecorder(platform), clock, bus, PlatformEvents.source("suppressions-api"));
    }

    @Test
    void anAddThroughTheApiIsPublishedAndARetriedAddPublishesTheSameEvent() {
        Instant addedAt = clock.instant();
        bus.failNext(1);
        assertThatThrownBy(() -> suppressions.add(caller, "Ada@Example.org", null, null, "api")).isInstanceOf(RecordingEventPublisher.PublishFailed.class);

        clock.advance(Duration.ofSeconds(10));
        suppressions.add(caller, "ada@example.org", null, null, "api");

        assertThat(bus.published()).hasSize(1);
        assertThat(bus.delivered()).singleElement().satisfies(event -> {
            assertThat(event.type()).isEqualTo(EventType.SUPPRESSION_ADDED);
            assertThat(event.id()).isEqualTo(PlatformEvent.idFor("suppression.added", WS, "ada@example.org", "workspace", addedAt.toString()));
            assertThat(event.time()).isEqualTo(addedAt);
            assertThat(event.subject()).isEqualTo("ada@example.org");
            assertThat(event.data().path("reason").asText()).isEqualTo("MANUAL");
            assertThat(event.source()).isEqualTo("/penguinmails/suppressions-api");
        });
    }

    @Test
    void aSuppressionADeliveryEventMadeIsNotPublishedAgainByAnApiAdd() {
        suppressions.recordEvent(WS, "bob@example.org", Suppression.Reason.HARD_BOUNCE, "delivery-event");

        suppressions.add(caller, "bob@example.org", null, null, "api");

        assertThat(bus.published()).as("event ingest publishes that one").isEmpty();
    }
}
