package com.penguinmails.identity.apikeys;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.penguinmails.core.auth.Principal;
import com.penguinmails.core.auth.Scopes;
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
import java.time.Duration;
import java.time.Instant;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

class ApiKeyServiceTest {

    @RegisterExtension
    static final EmbeddedDynamoDbExtension DYNAMO = new EmbeddedDynamoDbExtension();

    private static final String OPERATOR_SECRET = ApiKeySecrets.newSecret();

    private final TestClock clock = new TestClock(Instant.parse("2026-11-25T10:00:00Z"));
    private Platform platform;
    private ApiKeyService apiKeys;
    private ApiKeyAuthenticator authenticator;
    private CreatedWorkspace workspace;
    private Caller owner;

    @BeforeEach
    void setUp() {
        platform = TestPlatforms.withAllTables(DYNAMO, clock,
                Map.of(IdentityWiring.OPERATOR_KEY_HASH_VARIABLE, ApiKeySecrets.hash(OPERATOR_SECRET)));
        apiKeys = IdentityWiring.apiKeyService(platform);
        authenticator = IdentityWiring.apiKeyAuthenticator(platform);
        workspace = newWorkspace("Acme");
        owner = new Caller(authenticator.authenticate(workspace.ownerKey().secret()).principal(), "203.0.113.7");
    }

    @Test
    void create_returnsASecretThatAuthenticatesWithExactlyTheGrantedScopes() {
        IssuedApiKey issued = apiKeys.create(owner, new NewApiKey("sender", List.of("messages:send"), null, null));

        assertThat(issued.secret()).startsWith("pm_live_").hasSize(8 + 43);
        assertThat(issued.key().secretPrefix()).isEqualTo(issued.secret().substring(0, 12));
        Authentication auth = authenticator.authenticate(issued.secret());
        assertThat(auth.succeeded()).isTrue();
        assertThat(auth.principal().workspaceId()).isEqualTo(workspace.workspace().id());
        assertThat(auth.principal().allows("messages:send")).isTrue();
        assertThat(auth.principal().allows("api-keys:manage")).isFalse();
        assertThat(auth.principal().rateLimitPerSecond()).isEqualTo(ApiKeyService.DEFAULT_RATE_LIMIT_PER_SECOND);
    }

    @Test
    void secrets_areStoredOnlyAsHashes() {
        IssuedApiKey issued = apiKeys.create(owner, new NewApiKey("sender", List.of("messages:send"), null, null));

        String everything = platform.dynamoDb().scan(r -> r.tableName(platform.tableName("api-keys"))).items().toString()
                + platform.dynamoDb().scan(r -> r.tableName(platform.tableName("api-key-secrets"))).items().toString();
        assertThat(everything).doesNotContain(issued.secret()).contains(ApiKeySecrets.hash(issued.secret()));
    }

    @Test
    void create_refusesAScopeTheCreatorLacks() {
        IssuedApiKey limited = apiKeys.create(owner, new NewApiKey("key admin", List.of("api-keys:manage"), null, null));
        Caller limitedCaller = new Caller(authenticator.authenticate(limited.secret()).principal(), "203.0.113.7");

        assertThatThrownBy(() -> apiKeys.create(limitedCaller, new NewApiKey("escalate", List.of("full"), null, null)))
                .isInstanceOfSatisfying(ApiProblem.class, p -> assertThat(p.status()).isEqualTo(403));
        assertThat(apiKeys.create(limitedCaller, new NewApiKey("reader", List.of("api-keys:read"), null, null)).key().scopes())
                .containsExactly("api-keys:read");
    }

    @Test
    void create_rejectsUnknownScopesListingTheValidOnes() {
        assertThatThrownBy(() -> apiKeys.create(owner, new NewApiKey("bad", List.of("messages:sned"), null, null)))
                .isInstanceOfSatisfying(ApiProblem.class, p -> {
                    assertThat(p.status()).isEqualTo(400);
                    assertThat(p.type()).endsWith("/unknown-scope");
                    assertThat(p.detail()).contains("messages:sned").contains("messages:send");
                    assertThat(p.extensions().get("validScopes")).isEqualTo(Scopes.GRANTABLE);
                });
    }

    @Test
    void rotate_keepsTheOldSecretValidUntilTheGracePeriodEnds() {
        IssuedApiKey issued = apiKeys.create(owner, new NewApiKey("rotating", List.of("messages:send"), null, null));

        IssuedApiKey rotated = apiKeys.rotate(owner, issued.key().id(), 3600);

        assertThat(rotated.secret()).isNotEqualTo(issued.secret());
        assertThat(authenticator.authenticate(rotated.secret()).succeeded()).isTrue();
        assertThat(authenticator.authenticate(issued.secret()).succeeded()).isTrue();
        clock.advance(Duration.ofSeconds(3599));
        assertThat(authenticator.authenticate(issued.secret()).succeeded()).isTrue();
        clock.advance(Duration.ofSeconds(1));
        assertThat(authenticator.authenticate(issued.secret()).failure()).isEqualTo(Authentication.Failure.EXPIRED);
        assertThat(authenticator.authenticate(rotated.secret()).succeeded()).isTrue();
    }

    @Test
    void revoke_stopsTheKeyAtOnceAndFreesItsSlot() {
        IssuedApiKey issued = apiKeys.create(owner, new NewApiKey("doomed", List.of("messages:send"), null, null));

        ApiKey revoked = apiKeys.revoke(owner, issued.key().id());

        assertThat(revoked.status()).isEqualTo(ApiKey.Status.REVOKED);
        assertThat(authenticator.authenticate(issued.secret()).failure()).isEqualTo(Authentication.Failure.REVOKED);
        assertThat(apiKeys.get(owner.principal(), issued.key().id()).revokedAt()).isEqualTo(clock.instant());
    }

    @Test
    void expiredKeys_failAuthenticationAndTheSweeperMarksThem() {
        IssuedApiKey issued = apiKeys.create(owner, new NewApiKey("temp", List.of("messages:send"),
                clock.instant().plus(Duration.ofHours(1)), null));
        clock.advance(Duration.ofHours(1));

        assertThat(authenticator.authenticate(issued.secret()).failure()).isEqualTo(Authentication.Failure.EXPIRED);
        var expired = apiKeys.findExpired(null, 100).items();
        assertThat(expired).extracting(ApiKey::id).containsExactly(issued.key().id());
        assertThat(apiKeys.expire(expired.get(0))).isTrue();
        assertThat(apiKeys.expire(expired.get(0))).as("a second sweep changes nothing").isFalse();
        var audit = IdentityWiring.auditLog(platform).query(new AuditQuery(workspace.workspace().id(), null, null, null,
                "api-key.expired", null, 10)).items();
        assertThat(audit).extracting(AuditEvent::target).containsExactly(issued.key().id());
    }

    @Test
    void anotherWorkspacesKeyIsNotFound() {
        IssuedApiKey issued = apiKeys.create(owner, new NewApiKey("mine", List.of("messages:send"), null, null));
        CreatedWorkspace other = newWorkspace("Other");
        Principal outsider = authenticator.authenticate(other.ownerKey().secret()).principal();

        assertThatThrownBy(() -> apiKeys.get(outsider, issued.key().id()))
                .isInstanceOfSatisfying(ApiProblem.class, p -> assertThat(p.status()).isEqualTo(404));
        assertThatThrownBy(() -> apiKeys.revoke(new Caller(outsider, null), issued.key().id()))
                .isInstanceOfSatisfying(ApiProblem.class, p -> assertThat(p.status()).isEqualTo(404));
        assertThat(authenticator.authenticate(issued.secret()).succeeded()).isTrue();
    }

    @Test
    void aWorkspaceHoldsAtMostOneHundredActiveKeys() {
        // The owner key is the first of the hundred.
        for (int i = 1; i < ApiKeyService.MAX_ACTIVE_KEYS; i++) {
            apiKeys.create(owner, new NewApiKey("k" + i, List.of("messages:send"), null, null));
        }
        assertThatThrownBy(() -> apiKeys.create(owner, new NewApiKey("one too many", List.of("messages:send"), null, null)))
                .isInstanceOfSatisfying(ApiProblem.class, p -> assertThat(p.status()).isEqualTo(409));

        String victim = apiKeys.list(owner.principal(), null, 100).items().get(0).id();
        apiKeys.revoke(owner, victim);
        assertThat(apiKeys.create(owner, new NewApiKey("after revoke", List.of("messages:send"), null, null))).isNotNull();
    }

    @Test
    void list_pagesThroughEveryKeyOnce() {
        for (int i = 0; i < 7; i++) {
            apiKeys.create(owner, new NewApiKey("k" + i, List.of("messages:send"), null, null));
        }
        Set<String> seen = new HashSet<>();
        String cursor = null;
        int pages = 0;
        do {
            var page = apiKeys.list(owner.principal(), cursor, 3);
            page.items().forEach(k -> assertThat(seen.add(k.id())).isTrue());
            cursor = page.nextCursor();
            pages++;
        } while (cursor != null);
        assertThat(seen).hasSize(8);
        assertThat(pages).isBetween(3, 4);
    }

    @Test
    void lastUsedAt_isWrittenAtMostOncePerMinute() {
        IssuedApiKey issued = apiKeys.create(owner, new NewApiKey("busy", List.of("messages:send"), null, null));
        authenticator.authenticate(issued.secret());
        Instant first = apiKeys.get(owner.principal(), issued.key().id()).lastUsedAt();
        clock.advance(Duration.ofSeconds(30));
        authenticator.authenticate(issued.secret());
        assertThat(apiKeys.get(owner.principal(), issued.key().id()).lastUsedAt()).isEqualTo(first);
        clock.advance(Duration.ofSeconds(31));
        authenticator.authenticate(issued.secret());
        assertThat(apiKeys.get(owner.principal(), issued.key().id()).lastUsedAt()).isEqualTo(clock.instant());
    }

    @Test
    void authenticate_explainsEachFailure() {
        assertThat(authenticator.authenticate(null).failure()).isEqualTo(Authentication.Failure.MISSING);
        assertThat(authenticator.authenticate("hello").failure()).isEqualTo(Authentication.Failure.MALFORMED);
        assertThat(authenticator.authenticate(ApiKeySecrets.newSecret()).failure()).isEqualTo(Authentication.Failure.UNKNOWN);
        assertThat(authenticator.authenticate(OPERATOR_SECRET).principal().isOperator()).isTrue();
    }

    private CreatedWorkspace newWorkspace(String name) {
        Caller operator = new Caller(Principal.operator(), "198.51.100.1");
        return IdentityWiring.workspaceService(platform).create(operator, new NewWorkspace(name, new NewWorkspace.Owner("owner@" + name.toLowerCase() + ".test", "Owner")));
    }
}
