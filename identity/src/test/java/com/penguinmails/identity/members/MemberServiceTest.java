package com.penguinmails.identity.members;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.penguinmails.core.auth.Principal;
import com.penguinmails.core.platform.Platform;
import com.penguinmails.core.problems.ApiProblem;
import com.penguinmails.core.testing.TestClock;
import com.penguinmails.core.testing.TestPlatforms;
import com.penguinmails.embedded.EmbeddedDynamoDbExtension;
import com.penguinmails.identity.IdentityWiring;
import com.penguinmails.identity.apikeys.ApiKeyAuthenticator;
import com.penguinmails.identity.apikeys.Authentication;
import com.penguinmails.identity.audit.Caller;
import com.penguinmails.identity.workspaces.CreatedWorkspace;
import com.penguinmails.identity.workspaces.NewWorkspace;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** Invitations and roles on the DynamoDB wire protocol (embedded), with a clock the test moves. */
class MemberServiceTest {

    @RegisterExtension
    static final EmbeddedDynamoDbExtension DYNAMO = new EmbeddedDynamoDbExtension();

    private final TestClock clock = new TestClock(Instant.parse("2030-05-01T10:00:00Z"));
    private MemberService members;
    private ApiKeyAuthenticator authenticator;
    private Caller owner;

    @BeforeEach
    void setUp() {
        Platform platform = TestPlatforms.withAllTables(DYNAMO, clock, Map.of());
        members = IdentityWiring.memberService(platform);
        authenticator = IdentityWiring.apiKeyAuthenticator(platform);
        CreatedWorkspace workspace = IdentityWiring.workspaceService(platform).create(new Caller(Principal.operator(), "198.51.100.1"),
                new NewWorkspace("Acme", new NewWorkspace.Owner("owner@acme.test", "Owner")));
        owner = new Caller(authenticator.authenticate(workspace.ownerKey().secret()).principal(), "203.0.113.7");
    }

    @Test
    void anInvitationExpiresAfterSevenDaysAndAResendReplacesItsToken() {
        MemberService.Invitation first = members.invite(owner, "Ada@Example.org", "Ada", "admin");
        assertThat(first.member().email()).isEqualTo("ada@example.org");
        clock.advance(MemberService.INVITATION_LIFETIME);
        assertProblem(() -> members.accept(first.token(), "203.0.113.9"), 410, "invitation-expired");

        MemberService.Invitation second = members.resend(owner, first.member().id());
        assertThat(second.member().invitationExpiresAt()).isEqualTo(clock.instant().plus(MemberService.INVITATION_LIFETIME));
        assertProblem(() -> members.accept(first.token(), "203.0.113.9"), 404, "invitation-not-found");
        clock.advance(MemberService.INVITATION_LIFETIME.minus(Duration.ofSeconds(1)));
        MemberService.Accepted accepted = members.accept(second.token(), "203.0.113.9");
        assertThat(accepted.member().status()).isEqualTo(MemberStatus.ACTIVE);
        assertProblem(() -> members.resend(owner, first.member().id()), 409, "not-invited");
    }

    @Test
    void aMembersKeyFollowsTheirRoleAndStopsWhenTheyAreRemoved() {
        MemberService.Accepted viewer = members.accept(members.invite(owner, "vic@example.org", null, "viewer").token(), null);
        Authentication asViewer = authenticator.authenticate(viewer.key().secret());
        assertThat(asViewer.principal().memberId()).isEqualTo(viewer.member().id());
        assertThat(asViewer.principal().allows("campaigns:read")).isTrue();
        assertThat(asViewer.principal().allows("campaigns:manage")).isFalse();

        members.changeRole(owner, viewer.member().id(), "member");
        Principal asMember = authenticator.authenticate(viewer.key().secret()).principal();
        assertThat(asMember.allows("campaigns:manage")).isTrue();
        assertThat(asMember.allows("domains:manage")).isFalse();

        members.remove(owner, viewer.member().id());
        assertThat(authenticator.authenticate(viewer.key().secret()).succeeded()).isFalse();
    }

    @Test
    void nobodyActsAboveTheirRankAndTheLastOwnerStays() {
        MemberService.Accepted admin = members.accept(members.invite(owner, "ada@example.org", null, "admin").token(), null);
        Caller asAdmin = new Caller(authenticator.authenticate(admin.key().secret()).principal(), null);
        assertProblem(() -> members.invite(asAdmin, "boss@example.org", null, "owner"), 403, "forbidden");
        String ownerId = owner.principal().memberId();
        assertProblem(() -> members.changeRole(asAdmin, ownerId, "viewer"), 403, "forbidden");
        assertProblem(() -> members.remove(asAdmin, ownerId), 403, "forbidden");
        assertProblem(() -> members.changeRole(owner, ownerId, "admin"), 409, "last-owner");

        members.changeRole(owner, admin.member().id(), "owner");
        assertThat(members.changeRole(owner, ownerId, "admin").role()).as("with a second owner").isEqualTo(Role.ADMIN);
        assertProblem(() -> members.invite(owner, "x@example.org", null, "boss"), 400, "invalid-field");
    }

    private static void assertProblem(Runnable call, int status, String type) {
        assertThatThrownBy(call::run).isInstanceOfSatisfying(ApiProblem.class, p -> {
            assertThat(p.status()).isEqualTo(status);
            assertThat(p.type()).endsWith("/" + type);
        });
    }
}
