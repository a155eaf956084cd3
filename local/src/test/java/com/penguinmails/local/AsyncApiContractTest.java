package com.penguinmails.local;

import com.penguinmails.core.events.EventType;
import com.penguinmails.core.events.PlatformEvent;
import com.penguinmails.core.events.PlatformEvents;
import com.penguinmails.sending.SendingWiring;
import com.penguinmails.identity.IdentityWiring;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import com.penguinmails.embedded.EmbeddedDynamoDbExtension;
import com.penguinmails.identity.apikeys.ApiKeyService;
import com.penguinmails.identity.apikeys.IssuedApiKey;
import com.penguinmails.identity.apikeys.NewApiKey;
import com.penguinmails.identity.audit.Caller;
import com.penguinmails.core.auth.Principal;
import com.penguinmails.sending.delivery.DeliveryEvent;
import com.penguinmails.sending.delivery.EventIngestService;
import com.penguinmails.sending.ips.DedicatedIp;
import com.penguinmails.sending.ips.IpPool;
import com.penguinmails.sending.ips.IpService;
import com.penguinmails.sending.ips.PoolProvisioner;
import com.penguinmails.sending.ledger.SendLedger;
import com.penguinmails.sending.mail.MailTransport;
import com.penguinmails.sending.mail.OutgoingEmail;
import com.penguinmails.sending.mailboxes.Mailbox;
import com.penguinmails.sending.mailboxes.MailboxService;
import com.penguinmails.sending.mailboxes.NewMailbox;
import com.penguinmails.sending.mailboxes.PlacementFolder;
import com.penguinmails.sending.mailboxes.ReceivedWarmup;
import com.penguinmails.sending.mailboxes.internal.LocalSecretCipher;
import com.penguinmails.sending.messages.Content;
import com.penguinmails.sending.messages.Message;
import com.penguinmails.sending.messages.MessageStatus;
import com.penguinmails.sending.messages.MessageStore;
import com.penguinmails.sending.messages.OutboundQueue;
import com.penguinmails.sending.messages.TimelineEntry;
import com.penguinmails.core.platform.Json;
import com.penguinmails.core.platform.Platform;
import com.penguinmails.sending.reputation.ReputationPolicy;
import com.penguinmails.sending.outbound.RetryPolicy;
import com.penguinmails.sending.outbound.SendingService;
import com.penguinmails.sending.placement.PlacementObservations;
import com.penguinmails.sending.placement.PlacementTest;
import com.penguinmails.sending.placement.PlacementTestService;
import com.penguinmails.sending.suppressions.SuppressionService;
import com.penguinmails.sending.suppressions.internal.DynamoDbSuppressionStore;
import com.penguinmails.sending.warmup.WarmupPolicy;
import com.penguinmails.core.testing.EventSchemas;
import com.penguinmails.core.testing.RecordingEventPublisher;
import com.penguinmails.core.testing.TestClock;
import com.penguinmails.core.testing.TestPlatforms;
import com.penguinmails.identity.workspaces.CreatedWorkspace;
import com.penguinmails.identity.workspaces.NewWorkspace;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * The AsyncAPI document ({@code penguinmails/asyncapi.yaml}) and the event schemas ({@code penguinmails/events/})
 * against the code: the document lists exactly the {@link EventType}s, one message each whose {@code data} is its
 * type's schema, every type has a draft 2020-12 schema and no schema is for a type the code does not know; and
 * every event the producers emit in a scenario through the real services (on dynalite) validates against its schema.
 * (Every producer's own test validates what it publishes too: {@link RecordingEventPublisher} checks each event.)
 */
class AsyncApiContractTest {

    @RegisterExtension
    static final EmbeddedDynamoDbExtension DYNAMO = new EmbeddedDynamoDbExtension();

    /** Types no producer emits yet (see README "Platform events"). */
    static final Set<EventType> NOT_EMITTED_YET = EnumSet.of(EventType.IP_RESUMED, EventType.MAILBOX_RESUMED,
            EventType.REPUTATION_CHANGED, EventType.SUPPRESSION_REMOVED);

    private static final String WS = "ws_As7ncApiC0ntract000001";

    @Test
    void theDocumentListsExactlyTheEventTypesEachWithItsSchemaAsData() throws IOException {
        JsonNode doc = asyncApi();
        assertThat(doc.path("asyncapi").asText()).startsWith("3.");

        Set<String> wireNames = Arrays.stream(EventType.values()).map(EventType::wireName).collect(Collectors.toCollection(TreeSet::new));
        Set<String> listed = new TreeSet<>();
        doc.path("components").path("messages").properties().forEach(entry -> {
            JsonNode message = entry.getValue();
            String name = message.path("name").asText();
            listed.add(name);
            JsonNode parts = message.path("payload").path("allOf");
            assertThat(parts.path(0).path("$ref").asText()).as(name).isEqualTo("#/components/schemas/envelope");
            assertThat(parts.path(1).path("properties").path("type").path("const").asText()).as(name).isEqualTo(name);
            assertThat(parts.path(1).path("properties").path("data").path("$ref").asText()).as(name).isEqualTo("events/" + name + ".schema.json");
        });
        assertThat(listed).as("the document's messages, both ways").isEqualTo(wireNames);

        Set<String> inChannel = new TreeSet<>();
        doc.path("channels").path("platformEvents").path("messages").forEach(ref -> inChannel.add(ref.path("$ref").asText()));
        Set<String> inOperation = new TreeSet<>();
        doc.path("operations").path("receivePlatformEvents").path("messages").forEach(ref -> inOperation.add(ref.path("$ref").asText()));
        Set<String> messageKeys = new TreeSet<>();
        doc.path("components").path("messages").fieldNames().forEachRemaining(messageKeys::add);
        assertThat(inChannel).isEqualTo(messageKeys.stream().map(k -> "#/components/messages/" + k).collect(Collectors.toCollection(TreeSet::new)));
        assertThat(inOperation).isEqualTo(messageKeys.stream().map(k -> "#/channels/platformEvents/messages/" + k)
                .collect(Collectors.toCollection(TreeSet::new)));
    }

    @Test
    void everyTypeHasADraft202012SchemaAndNoSchemaIsForAnUnknownType() throws IOException {
        for (EventType type : EventType.values()) {
            String text = EventSchemas.text(type);
            assertThat(text).as("schema of " + type.wireName()).isNotNull();
            JsonNode schema = Json.MAPPER.readTree(text);
            assertThat(schema.path("$schema").asText()).isEqualTo("https://json-schema.org/draft/2020-12/schema");
            assertThat(schema.path("$id").asText()).endsWith("/" + type.wireName() + ".schema.json");
            assertThat(schema.path("type").asText()).isEqualTo("object");
        }
        Path directory = Path.of("..", "catalog", "src", "main", "resources", "penguinmails", "events");
        Set<String> schemaFiles;
        try (Stream<Path> files = Files.list(directory)) {
            schemaFiles = files.map(f -> f.getFileName().toString().replace(".schema.json", "")).collect(Collectors.toCollection(TreeSet::new));
        }
        Set<String> wireNames = Arrays.stream(EventType.values()).map(EventType::wireName).collect(Collectors.toCollection(TreeSet::new));
        assertThat(schemaFiles).isEqualTo(wireNames);
    }

    @Test
    void everyEventTheProducersEmitValidatesAgainstItsSchema() {
        RecordingEventPublisher bus = new RecordingEventPublisher();
        TestClock clock = new TestClock(Instant.parse("2026-11-20T10:00:00Z"));
        Platform platform = TestPlatforms.withAllTables(DYNAMO, clock, Map.of(SendingWiring.LOCAL_SECRET_KEY_VARIABLE, LocalSecretCipher.newBase64Key(),
                SendingWiring.TRACKING_SECRET_VARIABLE, "test-tracking-secret-0123456789-0123456789", SendingWiring.TRACKING_BASE_URL_VARIABLE, "https://track.acme.test"));
        MessageStore messages = SendingWiring.messageStore(platform);
        SendLedger ledger = SendingWiring.sendLedger(platform);
        IpService ips = new IpService(SendingWiring.ipStore(platform), ledger, IdentityWiring.auditRecorder(platform), clock, WarmupPolicy.defaults(),
                PoolProvisioner.NONE, bus, PlatformEvents.source("ips-api"));
        MailboxService mailboxes = new MailboxService(SendingWiring.mailboxStore(platform), ledger,
                LocalSecretCipher.fromBase64(platform.env(SendingWiring.LOCAL_SECRET_KEY_VARIABLE, null)), IdentityWiring.auditRecorder(platform), clock,
                WarmupPolicy.defaults(), null, bus, PlatformEvents.source("mailboxes-api"));
        SuppressionService suppressions = new SuppressionService(new DynamoDbSuppressionStore(platform.dynamoDb(), platform.tableName("suppressions")),
                IdentityWiring.auditRecorder(platform), clock, bus, PlatformEvents.source("suppressions-api"));
        Caller caller = new Caller(new Principal(WS, "key_1", "apikey:key_1", List.of("full"), 100), "127.0.0.1");
        DedicatedIp ip = ips.createIp(caller, "198.51.100.50", "standard", null);
        IpPool pool = ips.createPool(caller, "main", List.of(new IpPool.Member(ip.id(), 1)));
        Mailbox mailbox = mailboxes.create(caller, new NewMailbox("ann@coldco.test", "Ann", new NewMailbox.Smtp("smtp.coldco.test", 587, "ann", "pw", null, null),
                null, "UTC", null, null, false, null, null));

        // The sender: one sent, one deferred (transient error), one failed (permanent error).
        messages.putContent(new Content("cnt_1", WS, "news@acme.test", null, "Hi", "<p>Hi</p>", null, Map.of(), false, false, null));
        List<String> outcomes = new ArrayList<>();
        for (String reply : List.of("accept", "transient", "permanent")) {
            String id = "msg_0mh1qk2x4fContract" + reply.charAt(0) + "01";
            messages.create(new Message(id, WS, "cnt_1", reply + "@example.org", Map.of(), "spring-sale", List.of("t1"), pool.id(), null, null,
                    MessageStatus.QUEUED, List.of(new TimelineEntry(MessageStatus.QUEUED, clock.instant(), null)), 0, null, null, clock.instant()));
            SendingService sending = new SendingService(messages, ips, ledger, suppressions, SendingWiring.dueMessages(platform),
                    transport(reply), SendingWiring.trackingLinks(platform), clock, key -> messages.content(key[0], key[1]),
                    key -> SendingWiring.ipStore(platform).findIp(key[0], key[1]).orElse(null), null, null, RetryPolicy.defaults(), new Random(1), bus);
            outcomes.add(sending.send(new OutboundQueue.Ticket(WS, id)).name());
        }
        assertThat(outcomes).containsExactly("SENT", "RETRYING", "FAILED");

        // Event ingest: every kind of delivery event on sent messages, then enough hard bounces to pause the IP and the mailbox.
        EventIngestService ingest = new EventIngestService(messages, suppressions, ledger, ips, mailboxes, clock,
                ReputationPolicy.defaults(), () -> java.util.UUID.randomUUID().toString(), bus);
        List<DeliveryEvent> kinds = new ArrayList<>();
        for (DeliveryEvent.Type type : DeliveryEvent.Type.values()) {
            String id = "msg_0mh1qk2x4fKind" + String.format("%02d", type.ordinal()) + "00";
            sent(messages, id, ip.id(), pool.id(), null, clock.instant());
            kinds.add(new DeliveryEvent("ev-" + type, type, WS, id, ip.id(), "acme.test", "kind" + type.ordinal() + "@example.org",
                    clock.instant(), type == DeliveryEvent.Type.CLICK ? "https://acme.test/offer" : "detail of " + type));
        }
        ingest.ingest(kinds);
        for (String resource : List.of(ip.id(), mailbox.id())) {
            boolean isMailbox = resource.equals(mailbox.id());
            for (int i = 0; i < 200; i++) {
                ledger.reserve(resource, isMailbox ? mailboxes.today(mailbox) : ips.today(), 1_000);
            }
            List<DeliveryEvent> bounces = new ArrayList<>();
            for (int i = 0; i < 25; i++) {
                String id = "msg_0mh1qk2x4fB" + (isMailbox ? "m" : "i") + String.format("%04d", i) + "0";
                sent(messages, id, resource, isMailbox ? null : pool.id(), isMailbox ? mailbox.id() : null, clock.instant());
                bounces.add(new DeliveryEvent("bounce-" + id, DeliveryEvent.Type.HARD_BOUNCE, WS, id, resource, "acme.test",
                        "b" + i + "@example.org", clock.instant(), "5.1.1"));
            }
            ingest.ingest(bounces);
        }

        // Through the API and the daily runs: a suppression, a user's pauses, the warmup steps of the next day.
        suppressions.add(caller, "manual@example.org", null, null, "api");
        DedicatedIp second = ips.createIp(caller, "198.51.100.51", "standard", null);
        ips.pause(caller, second.id(), "investigating a blocklisting");
        Mailbox other = mailboxes.create(caller, new NewMailbox("bea@coldco.test", "Bea", new NewMailbox.Smtp("smtp.coldco.test", 587, "bea", "pw", null, null),
                null, "UTC", null, null, false, null, null));
        mailboxes.pause(caller, other.id(), "a prospect complained");
        clock.advance(java.time.Duration.ofDays(1));
        ips.advanceDay(ips.getIp(WS, ip.id()));
        mailboxes.advanceDay(mailboxes.get(WS, mailbox.id()));

        ApiKeyService apiKeys = new ApiKeyService(IdentityWiring.apiKeyStore(platform), IdentityWiring.workspaceStore(platform),
                IdentityWiring.auditRecorder(platform), clock, bus, PlatformEvents.source("api-keys-api"));
        CreatedWorkspace keyed = IdentityWiring.workspaceService(platform).create(new Caller(Principal.operator(), "198.51.100.1"),
                new NewWorkspace("Keyed", new NewWorkspace.Owner("owner@keyed.test", "Owner")));
        Caller keyOwner = new Caller(IdentityWiring.apiKeyAuthenticator(platform).authenticate(keyed.ownerKey().secret()).principal(), "203.0.113.7");
        IssuedApiKey key = apiKeys.create(keyOwner, new NewApiKey("sender", List.of("messages:send"), clock.instant().plus(java.time.Duration.ofDays(30)), null));
        apiKeys.rotate(keyOwner, key.key().id(), 60);
        apiKeys.revoke(keyOwner, key.key().id());

        // Activity from another channel, as POST /v1/channel-events takes it.
        new com.penguinmails.analytics.channels.ChannelEventService(bus, clock, PlatformEvents.source("channel-events-api")).submit(WS,
                com.penguinmails.core.platform.Json.MAPPER.createObjectNode().put("channel", "linkedin").put("type", "replied")
                        .put("contact", "ada@example.org").put("campaignId", "cmp_spring").put("occurredAt", clock.instant().toString())
                        .put("idempotencyId", "li-reply-1"));

        // An inbox placement test: its copy to a seed is sent, and the seed's warmup pass finds it in spam.
        Mailbox sender = mailboxes.create(caller, new NewMailbox("cal@coldco.test", "Cal", new NewMailbox.Smtp("smtp.coldco.test", 587, "cal", "pw", null, null),
                new NewMailbox.Server("imap.coldco.test", 993, "cal", "pw", true), "UTC", null, null, true, null, null));
        Mailbox seed = mailboxes.create(caller, new NewMailbox("dee@seed.test", "Dee", new NewMailbox.Smtp("smtp.gmail.com", 587, "dee", "pw", null, null),
                new NewMailbox.Server("imap.gmail.com", 993, "dee", "pw", true), "UTC", null, null, true, null, null));
        List<OutgoingEmail> copies = new ArrayList<>();
        PlacementTest placement = new PlacementTestService(
                SendingWiring.placementTestStore(platform), mailboxes, (email, identity) -> copies.add(email), clock)
                .create(WS, new PlacementTestService.NewPlacementTest(sender.id(), "Quick question", "Hi Dee", null));
        assertThat(copies).hasSize(1);
        new PlacementObservations(bus, PlatformEvents.source("mailbox-warmup"), SendingWiring.placementTestStore(platform), clock)
                .observed(seed, sender, new ReceivedWarmup(copies.get(0).messageId(), sender.email(), "Quick question",
                        new ReceivedWarmup.WarmupMarks("1", false, placement.id()),
                        PlacementFolder.SPAM));
        assertThat(SendingWiring.placementTestStore(platform).find(WS, placement.id()).orElseThrow().copies())
                .extracting(PlacementTest.SeedCopy::folder).containsExactly(PlacementFolder.SPAM);

        List<PlatformEvent> emitted = bus.published();
        for (PlatformEvent event : emitted) {
            assertThat(EventSchemas.problems(event)).as(event.type().wireName() + " " + event.data()).isEmpty();
            assertThat(event.source()).startsWith("/penguinmails/");
            assertThat(event.workspaceId()).isIn(WS, keyed.workspace().id());
            assertThat(event.subject()).isNotBlank();
        }
        Set<EventType> types = emitted.stream().map(PlatformEvent::type).collect(Collectors.toCollection(() -> EnumSet.noneOf(EventType.class)));
        assertThat(types).as("the scenario reaches every type a producer emits").isEqualTo(EnumSet.complementOf(EnumSet.copyOf(NOT_EMITTED_YET)));
    }

    private static void sent(MessageStore messages, String id, String resourceId, String pool, String mailbox, Instant at) {
        messages.create(new Message(id, WS, "cnt_1", id.toLowerCase(java.util.Locale.ROOT) + "@example.org", Map.of(), null, List.of(), pool, mailbox, null,
                MessageStatus.SENT, List.of(), 1, resourceId, "<" + id + "@acme.test>", at));
    }

    private static MailTransport transport(String reply) {
        return (OutgoingEmail email, MailTransport.SendingIdentity identity) -> {
            switch (reply) {
                case "transient" -> throw new MailTransport.TransientSendException("421 try again later", null);
                case "permanent" -> throw new MailTransport.PermanentSendException("550 refused", null);
                default -> { }
            }
        };
    }

    private static JsonNode asyncApi() throws IOException {
        try (InputStream in = AsyncApiContractTest.class.getClassLoader().getResourceAsStream("penguinmails/asyncapi.yaml")) {
            assertThat(in).as("penguinmails/asyncapi.yaml on the classpath").isNotNull();
            return new ObjectMapper(new YAMLFactory()).readTree(in);
        }
    }
}
