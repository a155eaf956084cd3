package com.penguinmails.mailadapters;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.penguinmails.core.auth.Principal;
import com.penguinmails.core.platform.Platform;
import com.penguinmails.core.testing.TestClock;
import com.penguinmails.core.testing.TestPlatforms;
import com.penguinmails.embedded.EmbeddedDynamoDbExtension;
import com.penguinmails.identity.IdentityWiring;
import com.penguinmails.identity.audit.AuditQuery;
import com.penguinmails.identity.audit.Caller;
import com.penguinmails.mailadapters.MailWiring;
import com.penguinmails.sending.SendingWiring;
import com.penguinmails.sending.delivery.DeliveryEvent;
import com.penguinmails.sending.delivery.EventIngestService;
import com.penguinmails.sending.delivery.MailboxBounceEvent;
import com.penguinmails.sending.delivery.SesEventParser;
import com.penguinmails.sending.ledger.DeliveryCounts;
import com.penguinmails.sending.ledger.SendLedger;
import com.penguinmails.sending.mailboxes.Mailbox;
import com.penguinmails.sending.mailboxes.MailboxService;
import com.penguinmails.sending.mailboxes.NewMailbox;
import com.penguinmails.sending.mailboxes.internal.LocalSecretCipher;
import com.penguinmails.sending.messages.Message;
import com.penguinmails.sending.messages.MessageStatus;
import com.penguinmails.sending.messages.MessageStore;
import com.penguinmails.sending.reputation.ReputationPolicy;
import com.penguinmails.sending.reputation.ReputationService;
import com.penguinmails.sending.reputation.ReputationState;
import com.penguinmails.sending.suppressions.Suppression;
import com.penguinmails.sending.suppressions.SuppressionService;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Bounce reports from a mailbox, through the queue format into event ingest and reputation, on DynamoDB: applied
 * once, suppressing, counted on the mailbox (in its local day) and the domain, listed in reputation, and pausing the
 * mailbox past the line.
 */
class MailboxBounceIngestTest {

    @RegisterExtension
    static final EmbeddedDynamoDbExtension DYNAMO = new EmbeddedDynamoDbExtension();

    private static final String WS = "ws_Q8c1Lr0b2Zt7Yh3Kd9Wm";
    /** 23:30 UTC: already tomorrow in Berlin, the mailbox's zone. */
    private final TestClock clock = new TestClock(Instant.parse("2026-11-25T23:30:00Z"));
    private Platform platform;
    private MessageStore messages;
    private SendLedger ledger;
    private MailboxService mailboxes;
    private SuppressionService suppressions;
    private EventIngestService ingest;
    private Mailbox mailbox;

    @BeforeEach
    void setUp() {
        platform = TestPlatforms.withAllTables(DYNAMO, clock, Map.of(SendingWiring.LOCAL_SECRET_KEY_VARIABLE, LocalSecretCipher.newBase64Key()));
        messages = SendingWiring.messageStore(platform);
        ledger = SendingWiring.sendLedger(platform);
        mailboxes = MailWiring.mailboxService(platform);
        suppressions = SendingWiring.suppressionService(platform);
        ingest = new EventIngestService(messages, suppressions, ledger, MailWiring.ipService(platform), mailboxes, clock, ReputationPolicy.defaults());
        mailbox = mailboxes.create(caller(), new NewMailbox("ann@coldco.test", "Ann", new NewMailbox.Smtp("smtp.coldco.test", 587, "ann", "pw", null, null),
                null, "Europe/Berlin", null, null, false, null, null));
    }

    @Test
    void aHardBounceFromTheMailboxIsAppliedOnceSuppressesAndCountsOnTheMailboxAndTheDomain() {
        String id = sentMessage("gone@example.org");
        DeliveryEvent event = SesEventParser.parse(MailboxBounceEvent.toJson(bounce(id, "gone@example.org", DeliveryEvent.Type.HARD_BOUNCE)));

        EventIngestService.Summary first = ingest.ingest(List.of(event));
        EventIngestService.Summary again = ingest.ingest(List.of(event));

        assertThat(first.applied()).isEqualTo(1);
        assertThat(again.duplicates()).as("the same report queued twice").isEqualTo(1);
        Message message = messages.find(WS, id).orElseThrow();
        assertThat(message.status()).isEqualTo(MessageStatus.BOUNCED);
        assertThat(message.timeline().get(message.timeline().size() - 1).detail()).contains("5.1.1");
        assertThat(suppressions.blocking(WS, "gone@example.org", null)).hasValueSatisfying(
                s -> assertThat(s.reason()).isEqualTo(Suppression.Reason.HARD_BOUNCE));
        LocalDate berlinDay = LocalDate.parse("2026-11-26");
        assertThat(ledger.history(mailbox.id(), berlinDay, berlinDay)).singleElement()
                .satisfies(d -> assertThat(d.counts()).isEqualTo(new DeliveryCounts(1, 0, 1, 0, 0, 0, 0, 0)));
        assertThat(ledger.history("domain:coldco.test", LocalDate.parse("2026-11-25"), LocalDate.parse("2026-11-25"))).singleElement()
                .satisfies(d -> assertThat(d.counts().hardBounces()).isEqualTo(1));

        List<ReputationService.ResourceReputation> reputation = reputation().forWorkspace(WS, List.of("coldco.test"));
        assertThat(reputation).extracting(ReputationService.ResourceReputation::kind).containsExactly("mailbox", "domain");
        ReputationService.ResourceReputation ofMailbox = reputation.get(0);
        assertThat(ofMailbox.id()).isEqualTo(mailbox.id());
        assertThat(ofMailbox.label()).isEqualTo("ann@coldco.test");
        assertThat(ofMailbox.assessment().counts().sent()).isEqualTo(1);
        assertThat(ofMailbox.assessment().counts().hardBounces()).isEqualTo(1);
        assertThat(ofMailbox.assessment().windowEnd()).as("the mailbox's own day").isEqualTo(berlinDay);
        assertThat(ofMailbox.assessment().state()).as("1 of 1 is 100 %, but far below the minimum sample").isEqualTo(ReputationState.WARNING);
        assertThat(ofMailbox.assessment().insufficientSample()).isTrue();
        assertThat(ofMailbox.paused()).isFalse();
        assertThat(mailboxes.get(WS, mailbox.id()).warmup().isPaused()).isFalse();
    }

    @Test
    void crossingThePauseLinePausesTheMailboxWithTheRateAsTheReason() {
        List<String> ids = new ArrayList<>();
        for (int i = 0; i < 200; i++) {
            ids.add(i < 25 ? sentMessage("p" + i + "@example.org") : null);
            if (i >= 25) {
                ledger.reserve(mailbox.id(), mailboxes.today(mailbox), 1_000);
            }
        }
        List<DeliveryEvent> nineteen = new ArrayList<>();
        for (int i = 0; i < 19; i++) {
            nineteen.add(bounce(ids.get(i), "p" + i + "@example.org", DeliveryEvent.Type.HARD_BOUNCE));
        }
        EventIngestService.Summary below = ingest.ingest(nineteen);
        assertThat(below.pausedMailboxes()).as("9.5 %: at risk, not paused").isEmpty();
        assertThat(ingest.ingest(List.of(bounce(ids.get(19), "p19@example.org", DeliveryEvent.Type.SOFT_BOUNCE))).pausedMailboxes())
                .as("soft bounces do not count against the line").isEmpty();

        EventIngestService.Summary crossing = ingest.ingest(List.of(bounce(ids.get(20), "p20@example.org", DeliveryEvent.Type.HARD_BOUNCE)));

        assertThat(crossing.pausedMailboxes()).containsExactly(mailbox.id());
        Mailbox paused = mailboxes.get(WS, mailbox.id());
        assertThat(paused.warmup().isPaused()).isTrue();
        assertThat(paused.warmup().pauseReason()).startsWith("reputation: hard-bounce rate 10 % (20 of 200 sends) over the last 7 days");
        assertThat(mailboxes.coldEmailCap(paused)).as("sending stops").isZero();
        assertThat(IdentityWiring.auditLog(platform).query(new AuditQuery(WS, null, null, null, "mailbox.paused", null, 10)).items())
                .singleElement().satisfies(a -> {
                    assertThat(a.actor()).isEqualTo("system:reputation");
                    assertThat(a.target()).isEqualTo(mailbox.id());
                });
        assertThat(ingest.ingest(List.of(bounce(ids.get(21), "p21@example.org", DeliveryEvent.Type.HARD_BOUNCE))).pausedMailboxes())
                .as("already paused: the first reason stays").isEmpty();
        assertThat(mailboxes.get(WS, mailbox.id()).warmup().pauseReason()).contains("20 of 200");

        ReputationService.ResourceReputation shown = reputation().forWorkspace(WS, List.of()).get(0);
        assertThat(shown.assessment().state()).isEqualTo(ReputationState.PAUSED);
        assertThat(shown.paused()).isTrue();
        assertThat(shown.pauseReason()).contains("hard-bounce rate");
    }

    @Test
    void theQueueFormatIsCheckedLikeAnyOtherEvent() {
        String good = MailboxBounceEvent.toJson(bounce("msg_0mh1qk2x4fA8bZ0cD1eF2", "a@example.org", DeliveryEvent.Type.HARD_BOUNCE));

        assertThatThrownBy(() -> SesEventParser.parse(good.replace("HARD_BOUNCE", "OPEN"))).hasMessageContaining("HARD_BOUNCE, SOFT_BOUNCE");
        assertThatThrownBy(() -> SesEventParser.parse(good.replace(mailbox.id(), "ip_1"))).hasMessageContaining("mailbox id");
        assertThatThrownBy(() -> SesEventParser.parse(good.replace("\"messageId\"", "\"other\""))).hasMessageContaining("messageId");
        assertThatThrownBy(() -> MailboxBounceEvent.toJson(new DeliveryEvent("e", DeliveryEvent.Type.CLICK, WS, "m", mailbox.id(), null, null,
                clock.instant(), null))).isInstanceOf(IllegalArgumentException.class);
    }

    private ReputationService reputation() {
        return new ReputationService(MailWiring.ipService(platform), mailboxes, ledger, ReputationPolicy.defaults());
    }

    /** A cold email the mailbox sent: the message item, and the unit it took of today's cap. */
    private String sentMessage(String to) {
        String id = "msg_0mh1qk2x4f" + Integer.toString(Math.abs(to.hashCode()), 36) + "bZ0";
        messages.create(new Message(id, WS, "cnt_1", to, Map.of(), null, List.of(), null, mailbox.id(), null, MessageStatus.SENT, List.of(), 1,
                mailbox.id(), "<" + id + "@coldco.test>", clock.instant()));
        ledger.reserve(mailbox.id(), mailboxes.today(mailbox), 1_000);
        return id;
    }

    private DeliveryEvent bounce(String messageId, String recipient, DeliveryEvent.Type type) {
        return new DeliveryEvent("mbx-bounce-" + messageId + "-" + type, type, WS, messageId, mailbox.id(), "coldco.test", recipient,
                clock.instant(), (type == DeliveryEvent.Type.HARD_BOUNCE ? "5.1.1" : "4.2.2") + ": from the report");
    }

    private static Caller caller() {
        return new Caller(new Principal(WS, "key_1", "apikey:key_1", List.of("full"), 100), "127.0.0.1");
    }
}
