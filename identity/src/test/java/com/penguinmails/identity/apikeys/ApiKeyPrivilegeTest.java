package com.penguinmails.identity.apikeys;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.tuple;

import com.penguinmails.core.auth.Principal;
import com.penguinmails.core.platform.Platform;
import com.penguinmails.core.problems.ApiProblem;
import com.penguinmails.core.testing.TestClock;
import com.penguinmails.core.testing.TestPlatforms;
import com.penguinmails.embedded.EmbeddedDynamoDbExtension;
import com.penguinmails.identity.IdentityWiring;
import com.penguinmails.identity.audit.AuditEvent;
import com.penguinmails.identity.audit.AuditQuery;
import com.penguinmails.identity.audit.Caller;
import com.penguinmails.identity.workspaces.CreatedWorkspace;
import com.penguinmails.identity.workspaces.NewWorkspace;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * A key may create, rotate or revoke only keys whose scopes it holds itself: {@code api-keys:manage} lets a key
 * manage keys, not take over broader ones. Each refusal is a 403 and an {@code auth.forbidden} audit event.
 */
class ApiKeyPrivilegeTest {

    @RegisterExtension
    static final EmbeddedDynamoDbExtension DYNAMO = new EmbeddedDynamoDbExtension();

    private final TestClock clock = new TestClock(Instant.parse("2026-11-25T10:00:00Z"));
    private Platform platform;
    private ApiKeyService apiKeys;
    private ApiKeyAuthenticator authenticator;
    private CreatedWorkspace workspace;
    private Caller owner;

    @BeforeEach
    void setUp() {
        platform = TestPlatforms.withAllTables(DYNAMO, clock, Map.of());
        apiKeys = IdentityWiring.apiKeyService(platform);
        authenticator = IdentityWiring.apiKeyAuthenticator(platform);
        workspace = IdentityWiring.workspaceService(platform).create(new Caller(Principal.operator(), "198.51.100.1"),
                new NewWorkspace("Acme", new NewWorkspace.Owner("owner@acme.test", "Owner")));
        owner = callerOf(workspace.ownerKey().secret());
    }

    @Test
    void aManageOnlyKeyCannotRotateTheOwnersFullKey() {
        Caller manager = callerOf(apiKeys.create(owner, new NewApiKey("key admin", List.of("api-keys:manage"), null, null)).secret());
        String ownerKeyId = workspace.ownerKey().key().id();

        assertForbidden(() -> apiKeys.rotate(manager, ownerKeyId, 0), "full");

        assertThat(authenticator.authenticate(workspace.ownerKey().secret()).succeeded()).as("the owner's secret still works").isTrue();
        assertThat(apiKeys.get(owner.principal(), ownerKeyId).rotatedAt()).isNull();
        assertThat(forbiddenEvents()).singleElement().satisfies(event -> {
            assertThat(event.actor()).isEqualTo(manager.principal().actor());
            assertThat(event.target()).isEqualTo(ownerKeyId);
            assertThat(event.outcome()).isEqualTo("missing-scope:full");
            assertThat(event.details()).containsEntry("attempted", "api-key.rotate");
            assertThat(event.sourceIp()).isEqualTo("203.0.113.7");
        });
    }

    @Test
    void aManageOnlyKeyCannotRevokeTheOwnersFullKey() {
        Caller manager = callerOf(apiKeys.create(owner, new NewApiKey("key admin", List.of("api-keys:manage"), null, null)).secret());
        String ownerKeyId = workspace.ownerKey().key().id();

        assertForbidden(() -> apiKeys.revoke(manager, ownerKeyId), "full");

        assertThat(apiKeys.get(owner.principal(), ownerKeyId).status()).isEqualTo(ApiKey.Status.ACTIVE);
        assertThat(authenticator.authenticate(workspace.ownerKey().secret()).succeeded()).isTrue();
        assertThat(forbiddenEvents()).extracting(AuditEvent::target, e -> e.details().get("attempted"))
                .containsExactly(tuple(ownerKeyId, "api-key.revoke"));
    }

    @Test
    void aKeyCannotActOnAKeyWithAScopeItLacksEvenWhenItHoldsTheOthers() {
        IssuedApiKey sender = apiKeys.create(owner, new NewApiKey("sender", List.of("messages:send", "domains:manage"), null, null));
        Caller manager = callerOf(apiKeys.create(owner, new NewApiKey("key admin", List.of("api-keys:manage", "messages:send"), null, null)).secret());

        assertForbidden(() -> apiKeys.rotate(manager, sender.key().id(), 3600), "domains:manage");
        assertForbidden(() -> apiKeys.revoke(manager, sender.key().id()), "domains:manage");
        assertThat(authenticator.authenticate(sender.secret()).succeeded()).isTrue();
    }

    @Test
    void aKeyMayActOnKeysNoBroaderThanItselfIncludingItself() {
        IssuedApiKey managerKey = apiKeys.create(owner, new NewApiKey("key admin", List.of("api-keys:manage", "messages:send"), null, null));
        Caller manager = callerOf(managerKey.secret());
        IssuedApiKey reader = apiKeys.create(manager, new NewApiKey("reader", List.of("api-keys:read", "messages:send"), null, null));

        // api-keys:manage implies api-keys:read, so the reader is no broader than the manager.
        IssuedApiKey rotated = apiKeys.rotate(manager, reader.key().id(), 0);
        assertThat(authenticator.authenticate(rotated.secret()).succeeded()).isTrue();
        assertThat(apiKeys.revoke(manager, reader.key().id()).status()).isEqualTo(ApiKey.Status.REVOKED);
        IssuedApiKey self = apiKeys.rotate(manager, managerKey.key().id(), 60);
        assertThat(authenticator.authenticate(self.secret()).principal().scopes()).containsExactly("api-keys:manage", "messages:send");
        assertThat(forbiddenEvents()).isEmpty();
    }

    @Test
    void aFullKeyMayActOnAnyKeyOfItsWorkspace() {
        IssuedApiKey wide = apiKeys.create(owner, new NewApiKey("wide", List.of("api-keys:manage", "domains:manage", "ips:manage"), null, null));
        IssuedApiKey otherFull = apiKeys.create(owner, new NewApiKey("deputy", List.of("full"), null, null));

        assertThat(apiKeys.rotate(owner, wide.key().id(), 0).secret()).isNotEqualTo(wide.secret());
        assertThat(apiKeys.revoke(owner, otherFull.key().id()).status()).isEqualTo(ApiKey.Status.REVOKED);
    }

    @Test
    void aRefusedCreateIsAuditedToo() {
        Caller manager = callerOf(apiKeys.create(owner, new NewApiKey("key admin", List.of("api-keys:manage"), null, null)).secret());

        assertForbidden(() -> apiKeys.create(manager, new NewApiKey("escalate", List.of("full", "api-keys:read"), null, null)), "full");

        assertThat(forbiddenEvents()).singleElement().satisfies(event -> {
            assertThat(event.outcome()).isEqualTo("missing-scope:full");
            assertThat(event.details()).containsEntry("attempted", "api-key.create");
        });
    }

    private Caller callerOf(String secret) {
        return new Caller(authenticator.authenticate(secret).principal(), "203.0.113.7");
    }

    private List<AuditEvent> forbiddenEvents() {
        return IdentityWiring.auditLog(platform).query(new AuditQuery(workspace.workspace().id(), null, null, null,
                "auth.forbidden", null, 50)).items();
    }

    private static void assertForbidden(Runnable action, String missingScope) {
        assertThatThrownBy(action::run).isInstanceOfSatisfying(ApiProblem.class, p -> {
            assertThat(p.status()).isEqualTo(403);
            assertThat(p.type()).endsWith("/forbidden");
            assertThat(p.detail()).contains(missingScope);
            assertThat(p.extensions()).containsEntry("missingScopes", List.of(missingScope));
        });
    }
}
