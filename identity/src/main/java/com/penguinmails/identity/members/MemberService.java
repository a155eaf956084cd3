package com.penguinmails.identity.members;

import com.penguinmails.core.auth.Principal;
import com.penguinmails.core.auth.Scopes;
import com.penguinmails.core.platform.EmailAddresses;
import com.penguinmails.core.platform.Hashing;
import com.penguinmails.core.platform.Ids;
import com.penguinmails.core.problems.ApiProblem;
import com.penguinmails.identity.apikeys.ApiKey;
import com.penguinmails.identity.apikeys.ApiKeyService;
import com.penguinmails.identity.apikeys.IssuedApiKey;
import com.penguinmails.identity.audit.AuditRecorder;
import com.penguinmails.identity.audit.Caller;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * The people of a workspace: invited by email with a role (the invitation lasts {@link #INVITATION_LIFETIME} and can
 * be sent again), accepted (which makes the member and gives them their first key), given another role, removed
 * (their keys stop at once). Every change checks the actor's role against the target's: nobody acts on a member
 * who outranks them or hands out a role above their own, and a workspace always keeps an owner. Each is audited.
 */
public final class MemberService {

    public static final Duration INVITATION_LIFETIME = Duration.ofDays(7);
    private static final Pattern TOKEN = Pattern.compile("pmi_(ws_[A-Za-z0-9]{1,64})\\.(mem_[A-Za-z0-9]{1,64})\\.([A-Za-z0-9]{43})");

    private final MemberStore store;
    private final ApiKeyService apiKeys;
    private final AuditRecorder audit;
    private final Clock clock;

    public MemberService(MemberStore store, ApiKeyService apiKeys, AuditRecorder audit, Clock clock) {
        this.store = store;
        this.apiKeys = apiKeys;
        this.audit = audit;
        this.clock = clock;
    }

    /** An invitation: the invited member and the token to hand them (shown once; only its hash is kept). */
    public record Invitation(Member member, String token) {}

    /** An accepted invitation: the member, now active, and their first API key (the secret shown once). */
    public record Accepted(Member member, IssuedApiKey key) {}

    public Invitation invite(Caller caller, String email, String name, String roleName) {
        String address = email == null ? null : email.strip().toLowerCase(Locale.ROOT);
        if (address == null || !EmailAddresses.isValid(address)) {
            throw ApiProblem.invalidField("email", "email must be the person's address, e.g. ada@example.com.");
        }
        if (name != null && (name.isBlank() || name.length() > 100)) {
            throw ApiProblem.invalidField("name", "name is at most 100 characters.");
        }
        Role role = role(roleName);
        Role actor = actorRole(caller);
        requireAtLeast(caller, actor, role, "member.invite", null, "You cannot invite someone to a role above your own (" + actor.wireName() + ").");
        String workspaceId = caller.principal().workspaceId();
        if (store.all(workspaceId).stream().anyMatch(m -> m.email().equals(address) && m.status() != MemberStatus.REMOVED)) {
            throw ApiProblem.conflict("member-exists", address + " is already a member or invited; resend the invitation instead.");
        }
        Instant now = clock.instant();
        String id = Ids.newId("mem");
        String secret = Ids.randomBase62(43);
        Member member = new Member(id, workspaceId, address, name == null ? null : name.strip(), role, MemberStatus.INVITED,
                caller.principal().actor(), Hashing.sha256Hex(secret), now.plus(INVITATION_LIFETIME), now, now, 0);
        store.add(member);
        audit.success(caller, "member.invited", id, Map.of("email", address, "role", role.wireName()));
        return new Invitation(member.withVersionOne(), token(workspaceId, id, secret));
    }

    public List<Member> list(Principal caller) {
        return store.all(caller.workspaceId()).stream().sorted(Comparator.comparing(Member::createdAt)).toList();
    }

    public Member get(Principal caller, String memberId) {
        return find(caller.workspaceId(), memberId);
    }

    public Member changeRole(Caller caller, String memberId, String roleName) {
        Role next = role(roleName);
        Member target = find(caller.principal().workspaceId(), memberId);
        if (target.status() == MemberStatus.REMOVED) {
            throw ApiProblem.conflict("member-removed", "Member " + memberId + " was removed.");
        }
        Role actor = actorRole(caller);
        requireAtLeast(caller, actor, target.role(), "member.role-change", memberId, "You cannot change the role of a member who outranks you.");
        requireAtLeast(caller, actor, next, "member.role-change", memberId, "You cannot give a role above your own (" + actor.wireName() + ").");
        if (target.role() == next) {
            return target;
        }
        if (target.role() == Role.OWNER && target.active()) {
            requireAnotherOwner(target);
        }
        Member changed = write(target, target.withRole(next, clock.instant()));
        audit.success(caller, "member.role-changed", memberId, Map.of("from", target.role().wireName(), "to", next.wireName()));
        return changed;
    }

    /** Removes a member (or withdraws an invitation); their keys are refused at once and revoked. */
    public Member remove(Caller caller, String memberId) {
        Member target = find(caller.principal().workspaceId(), memberId);
        if (target.status() == MemberStatus.REMOVED) {
            return target;
        }
        Role actor = actorRole(caller);
        requireAtLeast(caller, actor, target.role(), "member.remove", memberId, "You cannot remove a member who outranks you.");
        if (target.role() == Role.OWNER && target.active()) {
            requireAnotherOwner(target);
        }
        Member removed = write(target, target.removed(clock.instant()));
        int keys = apiKeys.revokeAllOf(caller, memberId);
        audit.success(caller, "member.removed", memberId, Map.of("email", target.email(), "keysRevoked", Integer.toString(keys)));
        return removed;
    }

    /** A new token and seven more days for an invitation not yet accepted; the old token stops working. */
    public Invitation resend(Caller caller, String memberId) {
        Member target = find(caller.principal().workspaceId(), memberId);
        if (target.status() != MemberStatus.INVITED) {
            throw ApiProblem.conflict("not-invited", "Member " + memberId + " is " + target.status().wireName() + "; only an open invitation is resent.");
        }
        Role actor = actorRole(caller);
        requireAtLeast(caller, actor, target.role(), "member.invite", memberId, "You cannot invite someone to a role above your own.");
        String secret = Ids.randomBase62(43);
        Instant now = clock.instant();
        Member resent = write(target, target.reinvited(Hashing.sha256Hex(secret), now.plus(INVITATION_LIFETIME), now));
        audit.success(caller, "member.invitation-resent", memberId, Map.of("email", target.email()));
        return new Invitation(resent, token(target.workspaceId(), memberId, secret));
    }

    /**
     * The invited person accepts: their membership becomes active and they get a first key that holds whatever
     * their role allows, now and after a role change. A token that is not one, was replaced by a resend, or was used already is a 404; an expired one a 410.
     */
    public Accepted accept(String token, String sourceIp) {
        var parts = token == null ? null : TOKEN.matcher(token.strip());
        if (parts == null || !parts.matches()) {
            throw notFoundInvitation();
        }
        Member member = store.find(parts.group(1), parts.group(2)).orElseThrow(MemberService::notFoundInvitation);
        String hash = Hashing.sha256Hex(parts.group(3));
        if (member.status() != MemberStatus.INVITED || member.invitationHash() == null
                || !MessageDigest.isEqual(hash.getBytes(StandardCharsets.UTF_8), member.invitationHash().getBytes(StandardCharsets.UTF_8))) {
            throw notFoundInvitation();
        }
        Instant now = clock.instant();
        if (!now.isBefore(member.invitationExpiresAt())) {
            throw new ApiProblem(410, "invitation-expired", "Gone", "This invitation expired on " + member.invitationExpiresAt()
                    + "; ask for it to be sent again.");
        }
        Member active = write(member, member.accepted(now));
        // "full" on a member's key means everything their role allows: the authorizer caps it by the current role, so
        // the key follows a promotion as well as a demotion.
        IssuedApiKey key = apiKeys.createMemberKey(member.workspaceId(), member.id(), List.of(Scopes.FULL));
        audit.record(member.workspaceId(), ApiKey.MEMBER_ACTOR + member.id(), "member.joined", member.id(), sourceIp, "success",
                Map.of("email", member.email(), "role", member.role().wireName(), "apiKey", key.key().id()));
        return new Accepted(active, key);
    }

    /**
     * The role the caller acts with: their member's, or, for a key no member made (made by the operator, or before
     * members), admin when it holds full access and viewer otherwise: never owner, which only a person is.
     */
    public Role actorRole(Caller caller) {
        Principal principal = caller.principal();
        if (principal.memberId() != null) {
            return store.find(principal.workspaceId(), principal.memberId()).filter(Member::active).map(Member::role)
                    .orElseThrow(() -> ApiProblem.forbidden("The member this key acts for is no longer in the workspace."));
        }
        return principal.allows("full") ? Role.ADMIN : Role.VIEWER;
    }

    private void requireAtLeast(Caller caller, Role actor, Role needed, String attempted, String target, String detail) {
        if (!actor.atLeast(needed)) {
            audit.failure(caller, "auth.forbidden", target, "outranked", Map.of("attempted", attempted));
            throw ApiProblem.forbidden(detail);
        }
    }

    private void requireAnotherOwner(Member owner) {
        boolean another = store.all(owner.workspaceId()).stream()
                .anyMatch(m -> m.role() == Role.OWNER && m.active() && !m.id().equals(owner.id()));
        if (!another) {
            throw ApiProblem.conflict("last-owner", "A workspace keeps at least one owner: make someone else owner first.");
        }
    }

    private Member find(String workspaceId, String memberId) {
        return store.find(workspaceId, memberId).orElseThrow(() -> ApiProblem.notFound("No member " + memberId + " in this workspace."));
    }

    private Member write(Member before, Member after) {
        if (!store.write(after, before.version())) {
            throw ApiProblem.conflict("member-changed", "Member " + before.id() + " changed while this request ran; read it and try again.");
        }
        return after.withVersion(before.version() + 1);
    }

    private static Role role(String name) {
        return Optional.ofNullable(name).flatMap(Role::fromWire).orElseThrow(() ->
                ApiProblem.invalidField("role", "role is one of owner, admin, member, viewer."));
    }

    private static String token(String workspaceId, String memberId, String secret) {
        return "pmi_" + workspaceId + "." + memberId + "." + secret;
    }

    private static ApiProblem notFoundInvitation() {
        return new ApiProblem(404, "invitation-not-found", "Not Found", "No open invitation has this token: it may have been used, replaced by a newer one, or mistyped.");
    }
}
