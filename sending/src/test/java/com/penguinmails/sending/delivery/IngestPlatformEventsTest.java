package com.penguinmails.sending.delivery;

import com.penguinmails.sending.SendingWiring;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.penguinmails.embedded.EmbeddedDynamoDbExtension;
import com.penguinmails.identity.audit.Caller;
import com.penguinmails.core.auth.Principal;
import com.penguinmails.sending.ips.DedicatedIp;
import com.penguinmails.sending.ips.IpService;
import com.penguinmails.sending.ips.PoolProvisioner;
import com.penguinmails.sending.ledger.SendLedger;
import com.penguinmails.sending.messages.Message;
import com.penguinmails.sending.messages.MessageStatus;
import com.penguinmails.sending.messages.MessageStore;
import com.penguinmails.core.platform.Platform;
import com.penguinmails.core.events.EventType;
import com.penguinmails.core.events.PlatformEvent;
import com.penguinmails.sending.reputation.ReputationPolicy;
import com.penguinmails.sending.suppressions.SuppressionService;
import com.penguinmails.core.testing.RecordingEventPublisher;
import com.penguinmails.core.testing.TestClock;
import com.penguinmails.core.testing.TestPlatforms;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Event ingest as a producer, on DynamoDB (dynalite): each delivery event it applies is published as its
 * {@code message.*} event with the message's recipient, campaign and tags, the suppression and the pause it led to
 * too; and an ingest that stops after its writes and before its publish (the publisher throws) loses nothing: the
 * redelivered batch, finding everything applied, publishes the same events (same ids and times) again, and a consumer
 * that de-duplicates by id has each exactly once.
 */
class IngestPlatformEventsTest {

    @RegisterExtension
    static final EmbeddedDynamoDbExtension DYNAMO = new EmbeddedDynamoDbExtension();

    private static final String WS = "ws_Pl4tf0rmEv3nts00000001";
    private static final Instant AT = Instant.parse("2026-11-20T10:00:00.123Z");

    private final TestClock clock = new TestClock(Instant.parse("2026-11-20T12:00:00Z"));
    private final RecordingEventPublisher bus = new RecordingEventPublisher();
    private MessageStore messages;
    private SendLedger ledger;
    private IpService ips;
    private SuppressionService suppressions;
    private DedicatedIp ip;

    @BeforeEach
    void setUp() {
        Platform platform = TestPlatforms.withAllTables(DYNAMO, clock, Map.of());
        messages = SendingWiring.messageStore(platform);
        ledger = SendingWiring.sendLedger(platform);
        ips = SendingWiring.ipService(platform, PoolProvisioner.NONE);
        suppressions = SendingWiring.suppressionService(platform);
        ip = ips.createIp(new Caller(new Principal(WS, "key_1", "apikey:key_1", List.of("full"), 100), "127.0.0.1"),
                "198.51.100.30", "standard", null);
    }

    private EventIngestService ingest() {
        return new EventIngestService(messages, suppressions, ledger, ips, null, clock, ReputationPolicy.defaults(),
                () -> java.util.UUID.randomUUID().toString(), bus);
    }

    @Test
    void eachAppliedEventIsPublishedWithTheMessagesRecipientCampaignAndTags() {
        sent("msg_0mh1qk2x4fPevents00001", "ada@example.org");
        sent("msg_0mh1qk2x4fPevents00002", "bob@example.org");

        ingest().ingest(List.of(event("ses-1", DeliveryEvent.Type.DELIVERY, "msg_0mh1qk2x4fPevents00001", "ada@example.org", "250 OK"),
                event("trk-1", DeliveryEvent.Type.CLICK, "msg_0mh1qk2x4fPevents00001", "ada@example.org", "https://acme.test/offer"),
                event("ses-2", DeliveryEvent.Type.HARD_BOUNCE, "msg_0mh1qk2x4fPevents00002", "bob@example.org", "Permanent/General: 550")));

        assertThat(bus.published()).extracting(PlatformEvent::type).containsExactly(EventType.MESSAGE_DELIVERED, EventType.MESSAGE_CLICKED,
                EventType.MESSAGE_BOUNCED, EventType.SUPPRESSION_ADDED);
        PlatformEvent delivered = bus.published().get(0);
        assertThat(delivered.id()).isEqualTo(PlatformEvent.idFor("message.delivered", WS, "msg_0mh1qk2x4fPevents00001", "ses-1"));
        assertThat(delivered.time()).as("when it happened, not when it was ingested").isEqualTo(AT);
        assertThat(delivered.source()).isEqualTo("/penguinmails/event-ingest");
        assertThat(delivered.subject()).isEqualTo("msg_0mh1qk2x4fPevents00001");
        assertThat(delivered.workspaceId()).isEqualTo(WS);
        assertThat(delivered.data().path("recipient").asText()).isEqualTo("ada@example.org");
        assertThat(delivered.data().path("campaignId").asText()).isEqualTo("spring-sale");
        assertThat(delivered.data().path("tags").toString()).isEqualTo("[\"newsletter\"]");
        assertThat(delivered.data().path("resourceId").asText()).isEqualTo(ip.id());
        assertThat(delivered.data().path("detail").asText()).isEqualTo("250 OK");
        assertThat(bus.published().get(1).data().path("url").asText()).isEqualTo("https://acme.test/offer");
        assertThat(bus.published().get(2).data().path("bounceType").asText()).isEqualTo("hard");
        PlatformEvent suppressed = bus.published().get(3);
        assertThat(suppressed.subject()).isEqualTo("bob@example.org");
        assertThat(suppressed.data().path("reason").asText()).isEqualTo("HARD_BOUNCE");
        assertThat(suppressed.time()).isEqualTo(suppressions.blocking(WS, "bob@example.org", null).orElseThrow().createdAt());
    }

    @Test
    void anIngestThatStopsBeforeItPublishesHasItsEventsPublishedByTheRedeliveredBatchOnce() {
        sent("msg_0mh1qk2x4fPevents00003", "cy@example.org");
        sent("msg_0mh1qk2x4fPevents00004", "di@example.org");
        List<DeliveryEvent> batch = List.of(event("ses-3", DeliveryEvent.Type.DELIVERY, "msg_0mh1qk2x4fPevents00003", "cy@example.org", null),
                event("trk-3", DeliveryEvent.Type.OPEN, "msg_0mh1qk2x4fPevents00003", "cy@example.org", "Mozilla/5.0"),
                event("ses-4", DeliveryEvent.Type.COMPLAINT, "msg_0mh1qk2x4fPevents00004", "di@example.org", "abuse"));

        bus.failNext(1);
        assertThatThrownBy(() -> ingest().ingest(batch)).isInstanceOf(RecordingEventPublisher.PublishFailed.class);
        assertThat(messages.find(WS, "msg_0mh1qk2x4fPevents00004").orElseThrow().status()).as("the writes were made").isEqualTo(MessageStatus.COMPLAINED);
        assertThat(bus.published()).as("nothing got out").isEmpty();

        clock.advance(Duration.ofMinutes(5)); // SQS redelivers the batch after its visibility timeout
        EventIngestService.Summary redelivered = ingest().ingest(batch);
        EventIngestService.Summary again = ingest().ingest(batch);

        assertThat(redelivered.applied()).isZero();
        assertThat(again.duplicates()).isEqualTo(3);
        assertThat(bus.published()).as("each redelivery publishes them again").hasSize(8);
        assertThat(bus.delivered()).as("a consumer de-duplicating by id (delivered() also checks that copies are identical)")
                .extracting(PlatformEvent::type).containsExactly(EventType.MESSAGE_DELIVERED, EventType.MESSAGE_OPENED,
                        EventType.MESSAGE_COMPLAINED, EventType.SUPPRESSION_ADDED);
        assertThat(bus.delivered()).extracting(PlatformEvent::time).containsExactly(AT, AT, AT,
                suppressions.blocking(WS, "di@example.org", null).orElseThrow().createdAt());
    }

    @Test
    void aPauseMadeByAnIngestThatStoppedBeforePublishingIsPublishedByTheRedeliveryWithTheStoredPausesIdAndTime() {
        LocalDate today = LocalDate.ofInstant(clock.instant(), ZoneOffset.UTC);
        List<DeliveryEvent> bounces = new ArrayList<>();
        for (int i = 0; i < 200; i++) {
            ledger.reserve(ip.id(), today, 1_000);
        }
        for (int i = 0; i < 20; i++) {
            String id = String.format("msg_0mh1qk2x4fPbounce%04d", i);
            sent(id, "p" + i + "@example.org");
            bounces.add(new DeliveryEvent("ses-b" + i, DeliveryEvent.Type.HARD_BOUNCE, WS, id, ip.id(), "acme.test", "p" + i + "@example.org",
                    clock.instant(), "Permanent/General"));
        }
        Instant pausedAt = clock.instant();

        bus.failNext(1);
        assertThatThrownBy(() -> ingest().ingest(bounces)).isInstanceOf(RecordingEventPublisher.PublishFailed.class);
        assertThat(ips.getIp(WS, ip.id()).warmup().isPaused()).as("the pause was made").isTrue();

        clock.advance(Duration.ofMinutes(5));
        EventIngestService.Summary redelivered = ingest().ingest(bounces);

        assertThat(redelivered.pausedIps()).containsExactly(ip.id());
        List<PlatformEvent> paused = bus.delivered(EventType.IP_PAUSED);
        assertThat(paused).singleElement().satisfies(event -> {
            assertThat(event.id()).isEqualTo(PlatformEvent.idFor("ip.paused", WS, ip.id(), pausedAt.toString()));
            assertThat(event.time()).as("the stored pause's time, not the redelivery's").isEqualTo(pausedAt);
            assertThat(event.subject()).isEqualTo(ip.id());
            assertThat(event.data().path("reason").asText()).startsWith("reputation: hard-bounce rate 10 %");
            assertThat(event.data().path("pausedBy").asText()).isEqualTo("reputation");
        });
        assertThat(bus.delivered(EventType.MESSAGE_BOUNCED)).hasSize(20);
        assertThat(bus.delivered(EventType.SUPPRESSION_ADDED)).extracting(PlatformEvent::subject).hasSize(20)
                .doesNotHaveDuplicates();

        ingest().ingest(bounces.subList(0, 1));
        assertThat(bus.published(EventType.IP_PAUSED)).as("found paused again: the same event again").hasSize(2);
        assertThat(bus.delivered(EventType.IP_PAUSED)).hasSize(1);
    }

    private void sent(String id, String to) {
        messages.create(new Message(id, WS, "cnt_1", to, Map.of(), "spring-sale", List.of("newsletter"), "pool_1", null, null,
                MessageStatus.SENT, List.of(), 1, ip.id(), "<" + id + "@acme.test>", AT.minusSeconds(60)));
    }

    private DeliveryEvent event(String id, DeliveryEvent.Type type, String messageId, String recipient, String detail) {
        return new DeliveryEvent(id, type, WS, messageId, ip.id(), "acme.test", recipient, AT, detail);
    }

    @SuppressWarnings("unused")
    private static Set<String> ids(List<PlatformEvent> events) {
        return events.stream().map(PlatformEvent::id).collect(Collectors.toSet());
    }
}
