package com.penguinmails.sending.ips;

import com.penguinmails.sending.SendingWiring;
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
import com.penguinmails.core.testing.RecordingEventPublisher;
import com.penguinmails.core.testing.TestClock;
import com.penguinmails.core.testing.TestPlatforms;
import com.penguinmails.sending.warmup.WarmupPolicy;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * The IP service as a producer, on DynamoDB (dynalite): a user's pause is {@code ip.paused} and the daily run's
 * decision {@code warmup.stepped}, both from the stored state, so a call repeated after the first stopped between its
 * write and its publish (a retried request, the schedule's retry) publishes the same event, once for a consumer.
 */
class IpPlatformEventsTest {

    @RegisterExtension
    static final EmbeddedDynamoDbExtension DYNAMO = new EmbeddedDynamoDbExtension();

    private static final String WS = "ws_IpEv3nts00000000000001";

    private final TestClock clock = new TestClock(Instant.parse("2026-11-20T09:30:00.500Z"));
    private final RecordingEventPublisher bus = new RecordingEventPublisher();
    private final Caller caller = new Caller(new Principal(WS, "key_1", "apikey:key_1", List.of("full"), 100), "127.0.0.1");
    private IpService ips;

    @BeforeEach
    void setUp() {
        Platform platform = TestPlatforms.withAllTables(DYNAMO, clock, Map.of());
        ips = new IpService(SendingWiring.ipStore(platform), SendingWiring.sendLedger(platform), IdentityWiring.auditRecorder(platform), clock,
                WarmupPolicy.defaults(), PoolProvisioner.NONE, bus, PlatformEvents.source("ips-api"));
    }

    @Test
    void aPauseThroughTheApiIsPublishedAndARetriedRequestPublishesTheSameEvent() {
        DedicatedIp ip = ips.createIp(caller, "198.51.100.60", "standard", null);
        Instant pausedAt = clock.instant();
        bus.failNext(1);
        assertThatThrownBy(() -> ips.pause(caller, ip.id(), "investigating a blocklisting")).isInstanceOf(RecordingEventPublisher.PublishFailed.class);
        assertThat(ips.getIp(WS, ip.id()).warmup().isPaused()).isTrue();

        clock.advance(Duration.ofSeconds(30)); // the client retries
        ips.pause(caller, ip.id(), "investigating a blocklisting");

        assertThat(bus.delivered()).singleElement().satisfies(event -> {
            assertThat(event.type()).isEqualTo(EventType.IP_PAUSED);
            assertThat(event.id()).isEqualTo(PlatformEvent.idFor("ip.paused", WS, ip.id(), pausedAt.toString()));
            assertThat(event.time()).isEqualTo(pausedAt);
            assertThat(event.source()).isEqualTo("/penguinmails/ips-api");
            assertThat(event.data().path("pausedBy").asText()).isEqualTo("user");
            assertThat(event.data().path("reason").asText()).isEqualTo("investigating a blocklisting");
        });
    }

    @Test
    void theDailyStepIsPublishedOnceForItsDayAlsoWhenTheFirstRunStoppedBeforePublishing() {
        DedicatedIp ip = ips.createIp(caller, "198.51.100.61", "standard", null);
        clock.advance(Duration.between(clock.instant(), Instant.parse("2026-11-21T00:00:03Z")));
        bus.failNext(1);
        assertThatThrownBy(() -> ips.advanceDay(ips.getIp(WS, ip.id()))).isInstanceOf(RecordingEventPublisher.PublishFailed.class);

        clock.advance(Duration.ofMinutes(1)); // the schedule's retry
        ips.advanceDay(ips.getIp(WS, ip.id()));
        ips.advanceDay(ips.getIp(WS, ip.id()));

        assertThat(bus.published()).hasSize(2);
        assertThat(bus.delivered()).singleElement().satisfies(event -> {
            assertThat(event.type()).isEqualTo(EventType.WARMUP_STEPPED);
            assertThat(event.id()).isEqualTo(PlatformEvent.idFor("warmup.stepped", WS, ip.id(), "2026-11-21"));
            assertThat(event.time()).isEqualTo(Instant.parse("2026-11-21T00:00:00Z"));
            assertThat(event.subject()).isEqualTo(ip.id());
            assertThat(event.data().path("day").asText()).isEqualTo("2026-11-21");
            assertThat(event.data().path("decision").asText()).isEqualTo("HELD");
            assertThat(event.data().path("resourceType").asText()).isEqualTo("ip");
        });
    }
}
