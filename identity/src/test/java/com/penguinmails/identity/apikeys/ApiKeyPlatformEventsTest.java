package com.penguinmails.identity.apikeys;

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
import com.penguinmails.identity.workspaces.CreatedWorkspace;
import com.penguinmails.identity.workspaces.NewWorkspace;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * API keys as a producer, on DynamoDB (dynalite): created, rotated and revoked are published from the stored key,
 * never with a secret, and a revoke repeated after the first stopped before publishing publishes the same event.
 */
class ApiKeyPlatformEventsTest {

    @RegisterExtension
    static final EmbeddedDynamoDbExtension DYNAMO = new EmbeddedDynamoDbExtension();

    private final TestClock clock = new TestClock(Instant.parse("2026-11-20T09:30:00.900Z"));
    private final RecordingEventPublisher bus = new RecordingEventPublisher();
    private ApiKeyService apiKeys;
    private Caller owner;

    @BeforeEach
    void setUp() {
        Platform platform = TestPlatforms.withAllTables(DYNAMO, clock, Map.of());
        CreatedWorkspace workspace = IdentityWiring.workspaceService(platform).create(new Caller(Principal.operator(), "198.51.100.1"),
                new NewWorkspace("Acme", new NewWorkspace.Owner("owner@acme.test", "Owner")));
        owner = new Caller(IdentityWiring.apiKeyAuthenticator(platform).authenticate(workspace.ownerKey().secret()).principal(), "203.0.113.7");
        apiKeys = new ApiKeyService(IdentityWiring.apiKeyStore(platform), IdentityWiring.workspaceStore(platform), IdentityWiring.auditRecorder(platform), clock,
                bus, PlatformEvents.source("api-keys-api"));
    }

    @Test
    void createdRotatedAndRevokedArePublishedWithoutTheSecret() {
        IssuedApiKey issued = apiKeys.create(owner, new NewApiKey("sender", List.of("messages:send"), null, null));
        clock.advance(Duration.ofMinutes(1));
        IssuedApiKey rotated = apiKeys.rotate(owner, issued.key().id(), 3600);
        clock.advance(Duration.ofMinutes(1));
        apiKeys.revoke(owner, issued.key().id());

        assertThat(bus.published()).extracting(PlatformEvent::type)
                .containsExactly(EventType.API_KEY_CREATED, EventType.API_KEY_ROTATED, EventType.API_KEY_REVOKED);
        PlatformEvent created = bus.published().get(0);
        assertThat(created.subject()).isEqualTo(issued.key().id());
        assertThat(created.time()).isEqualTo(Instant.parse("2026-11-20T09:30:00.900Z"));
        assertThat(created.data().path("scopes").toString()).isEqualTo("[\"messages:send\"]");
        assertThat(created.data().path("actor").asText()).as("a key made through the owner's key is the owner's")
                .isEqualTo("member:" + owner.principal().memberId());
        assertThat(bus.published().get(1).data().path("previousSecretExpiresAt").asText()).isEqualTo("2026-11-20T10:31:00.900Z");
        assertThat(bus.published().toString()).doesNotContain(issued.secret()).doesNotContain(rotated.secret());
    }

    @Test
    void aRevokeThatStoppedBeforePublishingIsPublishedByTheRepeatedRevoke() {
        IssuedApiKey issued = apiKeys.create(owner, new NewApiKey("sender", List.of("messages:send"), null, null));
        bus.clear();
        Instant revokedAt = clock.instant().plusSeconds(5);
        clock.advance(Duration.ofSeconds(5));
        bus.failNext(1);
        assertThatThrownBy(() -> apiKeys.revoke(owner, issued.key().id())).isInstanceOf(RecordingEventPublisher.PublishFailed.class);

        clock.advance(Duration.ofSeconds(30));
        apiKeys.revoke(owner, issued.key().id());

        assertThat(bus.delivered()).singleElement().satisfies(event -> {
            assertThat(event.type()).isEqualTo(EventType.API_KEY_REVOKED);
            assertThat(event.id()).isEqualTo(PlatformEvent.idFor("api-key.revoked", owner.principal().workspaceId(), issued.key().id(),
                    revokedAt.toString()));
            assertThat(event.time()).isEqualTo(revokedAt);
        });
    }
}
