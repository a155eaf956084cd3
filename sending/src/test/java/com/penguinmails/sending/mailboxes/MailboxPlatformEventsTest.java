package com.penguinmails.sending.mailboxes;

import com.penguinmails.sending.SendingWiring;
import com.penguinmails.identity.IdentityWiring;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.penguinmails.embedded.EmbeddedDynamoDbExtension;
import com.penguinmails.identity.audit.Caller;
import com.penguinmails.core.auth.Principal;
import com.penguinmails.sending.mailboxes.internal.LocalSecretCipher;
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
 * The mailbox service as a producer, on DynamoDB (dynalite): a user's pause ({@code mailbox.paused}) and the daily
 * step on the mailbox's local day ({@code warmup.stepped}), republished the same by a repeated pause and by the next
 * runs of the 10-minute schedule shortly after the mailbox's midnight, not all day.
 */
class MailboxPlatformEventsTest {

    @RegisterExtension
    static final EmbeddedDynamoDbExtension DYNAMO = new EmbeddedDynamoDbExtension();

    private static final String WS = "ws_MbxEv3nts0000000000001";

    /** 20:00 UTC is 21:00 in Berlin, the mailbox's zone. */
    private final TestClock clock = new TestClock(Instant.parse("2026-11-20T20:00:00.250Z"));
    private final RecordingEventPublisher bus = new RecordingEventPublisher();
    private final Caller caller = new Caller(new Principal(WS, "key_1", "apikey:key_1", List.of("full"), 100), "127.0.0.1");
    private MailboxService mailboxes;
    private Mailbox mailbox;

    @BeforeEach
    void setUp() {
        Platform platform = TestPlatforms.withAllTables(DYNAMO, clock, Map.of());
        mailboxes = new MailboxService(SendingWiring.mailboxStore(platform), SendingWiring.sendLedger(platform), LocalSecretCipher.fromBase64(LocalSecretCipher.newBase64Key()),
                IdentityWiring.auditRecorder(platform), clock, WarmupPolicy.defaults(), null, bus, PlatformEvents.source("mailboxes-api"));
        mailbox = mailboxes.create(caller, new NewMailbox("ann@coldco.test", "Ann", new NewMailbox.Smtp("smtp.coldco.test", 587, "ann", "pw", null, null),
                null, "Europe/Berlin", null, null, false, null, null));
    }

    @Test
    void aPauseThroughTheApiIsPublishedAndARetriedRequestPublishesTheSameEvent() {
        Instant pausedAt = clock.instant();
        bus.failNext(1);
        assertThatThrownBy(() -> mailboxes.pause(caller, mailbox.id(), "a prospect complained")).isInstanceOf(RecordingEventPublisher.PublishFailed.class);
        clock.advance(Duration.ofSeconds(20));
        mailboxes.pause(caller, mailbox.id(), "a prospect complained");

        assertThat(bus.delivered()).singleElement().satisfies(event -> {
            assertThat(event.type()).isEqualTo(EventType.MAILBOX_PAUSED);
            assertThat(event.id()).isEqualTo(PlatformEvent.idFor("mailbox.paused", WS, mailbox.id(), pausedAt.toString()));
            assertThat(event.time()).isEqualTo(pausedAt);
            assertThat(event.data().path("pausedBy").asText()).isEqualTo("user");
            assertThat(event.data().path("resourceType").asText()).isEqualTo("mailbox");
        });
    }

    @Test
    void theDailyStepOnTheMailboxesOwnDayIsRepublishedByTheNextRunsShortlyAfterItsMidnightOnly() {
        clock.advance(Duration.ofHours(3).plusMinutes(5)); // 00:05:00.250 in Berlin on the 21st
        bus.failNext(1);
        assertThatThrownBy(() -> mailboxes.advanceDay(mailboxes.get(WS, mailbox.id()))).isInstanceOf(RecordingEventPublisher.PublishFailed.class);

        clock.advance(Duration.ofMinutes(10));
        mailboxes.advanceDay(mailboxes.get(WS, mailbox.id()));
        clock.advance(Duration.ofHours(2));
        mailboxes.advanceDay(mailboxes.get(WS, mailbox.id()));

        assertThat(bus.published()).as("the next run republished it; the one two hours on did not").hasSize(1);
        assertThat(bus.delivered()).singleElement().satisfies(event -> {
            assertThat(event.type()).isEqualTo(EventType.WARMUP_STEPPED);
            assertThat(event.id()).isEqualTo(PlatformEvent.idFor("warmup.stepped", WS, mailbox.id(), "2026-11-21"));
            assertThat(event.time()).as("the mailbox's midnight").isEqualTo(Instant.parse("2026-11-20T23:00:00Z"));
            assertThat(event.data().path("resourceType").asText()).isEqualTo("mailbox");
        });
    }
}
