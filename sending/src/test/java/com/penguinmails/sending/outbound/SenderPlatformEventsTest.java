package com.penguinmails.sending.outbound;

import com.penguinmails.sending.SendingWiring;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.penguinmails.embedded.EmbeddedDynamoDbExtension;
import com.penguinmails.identity.audit.Caller;
import com.penguinmails.core.auth.Principal;
import com.penguinmails.sending.ips.DedicatedIp;
import com.penguinmails.sending.ips.IpPool;
import com.penguinmails.sending.ips.IpService;
import com.penguinmails.sending.ips.PoolProvisioner;
import com.penguinmails.sending.mail.MailTransport;
import com.penguinmails.sending.mail.OutgoingEmail;
import com.penguinmails.sending.messages.Content;
import com.penguinmails.sending.messages.Message;
import com.penguinmails.sending.messages.MessageStatus;
import com.penguinmails.sending.messages.MessageStore;
import com.penguinmails.sending.messages.OutboundQueue;
import com.penguinmails.sending.messages.TimelineEntry;
import com.penguinmails.core.platform.Platform;
import com.penguinmails.core.events.EventType;
import com.penguinmails.core.events.PlatformEvent;
import com.penguinmails.core.testing.RecordingEventPublisher;
import com.penguinmails.core.testing.TestClock;
import com.penguinmails.core.testing.TestPlatforms;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * The sender as a producer, on DynamoDB (dynalite): {@code message.sent} when the transport took the mail, and the
 * {@code message.deferred} and {@code message.failed} it decides; and a sender that stops between the state change and
 * its publish (the publisher throws) loses nothing: the redelivered ticket finds the change made and publishes the
 * same event (same id and time, from the stored message), so a consumer de-duplicating by id has it exactly once,
 * and no mail leaves twice.
 */
class SenderPlatformEventsTest {

    @RegisterExtension
    static final EmbeddedDynamoDbExtension DYNAMO = new EmbeddedDynamoDbExtension();

    private static final String WS = "ws_S3nd3rEv3nts00000000001";
    private static final String MESSAGE = "msg_0mh1qk2x4fSender00001";
    private static final OutboundQueue.Ticket TICKET = new OutboundQueue.Ticket(WS, MESSAGE);

    private final TestClock clock = new TestClock(Instant.parse("2026-11-20T10:00:00.250Z"));
    private final RecordingEventPublisher bus = new RecordingEventPublisher();
    private final ScriptedTransport transport = new ScriptedTransport();
    private MessageStore messages;
    private SendingService sending;
    private DedicatedIp ip;

    @BeforeEach
    void setUp() {
        Platform platform = TestPlatforms.withAllTables(DYNAMO, clock, Map.of(SendingWiring.TRACKING_SECRET_VARIABLE, "test-tracking-secret-0123456789-0123456789",
                SendingWiring.TRACKING_BASE_URL_VARIABLE, "https://track.acme.test"));
        messages = SendingWiring.messageStore(platform);
        IpService ips = SendingWiring.ipService(platform, PoolProvisioner.NONE);
        Caller caller = new Caller(new Principal(WS, "key_1", "apikey:key_1", List.of("full"), 100), "127.0.0.1");
        ip = ips.createIp(caller, "198.51.100.40", "standard", null);
        IpPool pool = ips.createPool(caller, "main", List.of(new IpPool.Member(ip.id(), 1)));
        var ipStore = SendingWiring.ipStore(platform);
        sending = new SendingService(messages, ips, SendingWiring.sendLedger(platform), SendingWiring.suppressionService(platform),
                SendingWiring.dueMessages(platform), transport, SendingWiring.trackingLinks(platform), clock, key -> messages.content(key[0], key[1]),
                key -> ipStore.findIp(key[0], key[1]).orElse(null), null, null, RetryPolicy.defaults(), new Random(7), bus);
        messages.putContent(new Content("cnt_1", WS, "news@acme.test", null, "Hi", "<p>Hi</p>", null, Map.of(), false, false, null));
        messages.create(new Message(MESSAGE, WS, "cnt_1", "ada@example.org", Map.of(), "spring-sale", List.of("newsletter"), pool.id(), null, null,
                MessageStatus.QUEUED, List.of(new TimelineEntry(MessageStatus.QUEUED, clock.instant(), null)), 0, null, null, clock.instant()));
    }

    @Test
    void aSentMessageIsPublishedOnceWithTheIpAndTheCampaign() {
        assertThat(sending.send(TICKET)).isEqualTo(SendingService.Outcome.SENT);

        assertThat(bus.published()).singleElement().satisfies(event -> {
            assertThat(event.type()).isEqualTo(EventType.MESSAGE_SENT);
            assertThat(event.id()).isEqualTo(PlatformEvent.idFor("message.sent", WS, MESSAGE));
            assertThat(event.source()).isEqualTo("/penguinmails/sender");
            assertThat(event.subject()).isEqualTo(MESSAGE);
            assertThat(event.time()).isEqualTo(clock.instant());
            assertThat(event.data().path("resourceId").asText()).isEqualTo(ip.id());
            assertThat(event.data().path("sendingDomain").asText()).isEqualTo("acme.test");
            assertThat(event.data().path("recipient").asText()).isEqualTo("ada@example.org");
            assertThat(event.data().path("campaignId").asText()).isEqualTo("spring-sale");
        });
    }

    @Test
    void aBatchPublishesItsSendsTogetherWhenItClosesAndAFailedPublishIsRepairedByTheRedeliveredBatch() {
        List<OutboundQueue.Ticket> tickets = new java.util.ArrayList<>(List.of(TICKET));
        for (int i = 2; i <= 3; i++) {
            String id = MESSAGE.substring(0, MESSAGE.length() - 1) + i;
            messages.create(new Message(id, WS, "cnt_1", "user" + i + "@example.org", Map.of(), "spring-sale", List.of(), messages.find(WS, MESSAGE).orElseThrow().pool(),
                    null, null, MessageStatus.QUEUED, List.of(new TimelineEntry(MessageStatus.QUEUED, clock.instant(), null)), 0, null, null, clock.instant()));
            tickets.add(new OutboundQueue.Ticket(WS, id));
        }
        SendingService.Batch batch = sending.batch(tickets.size());
        for (OutboundQueue.Ticket ticket : tickets) {
            assertThat(batch.send(ticket, SendingService.Patience.NONE)).isEqualTo(SendingService.Outcome.SENT);
        }
        assertThat(bus.calls()).as("nothing goes out before the batch closes").isZero();
        bus.failNext(1);
        assertThatThrownBy(batch::close).isInstanceOf(RecordingEventPublisher.PublishFailed.class);

        clock.advance(Duration.ofMinutes(5));
        try (SendingService.Batch redelivered = sending.batch(tickets.size())) {
            for (OutboundQueue.Ticket ticket : tickets) {
                assertThat(redelivered.send(ticket, SendingService.Patience.NONE)).isEqualTo(SendingService.Outcome.ALREADY_HANDLED);
            }
        }
        assertThat(bus.calls()).as("one publish per batch: the failed one, then the redelivered batch's").isEqualTo(2);
        assertThat(bus.delivered(EventType.MESSAGE_SENT)).extracting(PlatformEvent::subject)
                .containsExactlyInAnyOrderElementsOf(tickets.stream().map(OutboundQueue.Ticket::messageId).toList());
        assertThat(transport.accepted).as("each mail left once").isEqualTo(3);
    }

    @Test
    void aSenderThatStopsAfterMarkingSentAndBeforePublishingHasItPublishedByTheRedeliveredTicket() {
        Instant sentAt = clock.instant();
        bus.failNext(1);
        assertThatThrownBy(() -> sending.send(TICKET)).isInstanceOf(RecordingEventPublisher.PublishFailed.class);
        assertThat(messages.find(WS, MESSAGE).orElseThrow().status()).isEqualTo(MessageStatus.SENT);

        clock.advance(Duration.ofMinutes(5));
        assertThat(sending.send(TICKET)).isEqualTo(SendingService.Outcome.ALREADY_HANDLED);
        assertThat(sending.send(TICKET)).isEqualTo(SendingService.Outcome.ALREADY_HANDLED);

        assertThat(transport.accepted).as("the mail left once").isEqualTo(1);
        assertThat(bus.published()).hasSize(2);
        assertThat(bus.delivered()).singleElement().satisfies(event -> {
            assertThat(event.type()).isEqualTo(EventType.MESSAGE_SENT);
            assertThat(event.id()).isEqualTo(PlatformEvent.idFor("message.sent", WS, MESSAGE));
            assertThat(event.time()).as("when it was marked sent").isEqualTo(sentAt);
            assertThat(event.data().path("resourceId").asText()).isEqualTo(ip.id());
        });
    }

    @Test
    void aDeferralWhosePublishWasLostIsPublishedWhenTheMessageIsClaimedAgain() {
        transport.transientFailures = 1;
        Instant deferredAt = clock.instant();
        bus.failNext(1);
        assertThatThrownBy(() -> sending.send(TICKET)).isInstanceOf(RecordingEventPublisher.PublishFailed.class);
        assertThat(messages.find(WS, MESSAGE).orElseThrow().status()).isEqualTo(MessageStatus.DEFERRED);

        clock.advance(Duration.ofMinutes(5));
        assertThat(sending.send(TICKET)).as("the redelivered ticket claims it and sends").isEqualTo(SendingService.Outcome.SENT);

        assertThat(bus.delivered()).extracting(PlatformEvent::type).containsExactly(EventType.MESSAGE_DEFERRED, EventType.MESSAGE_SENT);
        PlatformEvent deferred = bus.delivered().get(0);
        assertThat(deferred.id()).isEqualTo(PlatformEvent.idFor("message.deferred", WS, MESSAGE, "attempt", "1"));
        assertThat(deferred.time()).isEqualTo(deferredAt);
        assertThat(deferred.data().path("detail").asText()).startsWith("try 1 of 6 failed: 421 4.3.2 try again later; next try at ");
    }

    @Test
    void aFailureWhosePublishWasLostIsPublishedByTheRedeliveredTicket() {
        transport.permanent = true;
        Instant failedAt = clock.instant();
        bus.failNext(1);
        assertThatThrownBy(() -> sending.send(TICKET)).isInstanceOf(RecordingEventPublisher.PublishFailed.class);

        clock.advance(Duration.ofMinutes(5));
        assertThat(sending.send(TICKET)).isEqualTo(SendingService.Outcome.ALREADY_HANDLED);
        assertThat(sending.send(TICKET)).isEqualTo(SendingService.Outcome.ALREADY_HANDLED);

        assertThat(bus.published()).hasSize(2);
        assertThat(bus.delivered()).singleElement().satisfies(event -> {
            assertThat(event.type()).isEqualTo(EventType.MESSAGE_FAILED);
            assertThat(event.id()).isEqualTo(PlatformEvent.idFor("message.failed", WS, MESSAGE, "attempt", "1"));
            assertThat(event.time()).isEqualTo(failedAt);
            assertThat(event.data().path("detail").asText()).isEqualTo("550 5.7.1 refused");
        });
    }

    /** Accepts, or fails transiently {@code transientFailures} times, or always permanently. */
    private static final class ScriptedTransport implements MailTransport {
        int transientFailures;
        boolean permanent;
        int accepted;

        @Override
        public void send(OutgoingEmail email, SendingIdentity identity) {
            if (permanent) {
                throw new PermanentSendException("550 5.7.1 refused", null);
            }
            if (transientFailures-- > 0) {
                throw new TransientSendException("421 4.3.2 try again later", null);
            }
            accepted++;
        }
    }
}
