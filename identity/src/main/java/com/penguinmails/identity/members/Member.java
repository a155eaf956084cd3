package com.penguinmails.identity.members;

import java.time.Instant;
import java.util.Objects;

/**
 * A person in a workspace, with a role. An invited member has an invitation (only its SHA-256 is kept) that
 * expires; accepting it makes them active.
 *
 * @param invitedBy           the actor who invited them (null for the owner the workspace was made with)
 * @param invitationHash      hex SHA-256 of the invitation's token while one is out
 * @param invitationExpiresAt when the invitation stops working
 * @param version             incremented by every write, which is conditional on the version read
 */
public record Member(String id, String workspaceId, String email, String name, Role role, MemberStatus status, String invitedBy,
                     String invitationHash, Instant invitationExpiresAt, Instant createdAt, Instant updatedAt, long version) {

    public Member {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(role, "role");
        status = status == null ? MemberStatus.ACTIVE : status;
    }

    /** The owner a workspace is made with: active at once. */
    public static Member owner(String id, String workspaceId, String email, String name, Instant now) {
        return new Member(id, workspaceId, email, name, Role.OWNER, MemberStatus.ACTIVE, null, null, null, now, now, 0);
    }

    public boolean active() {
        return status == MemberStatus.ACTIVE;
    }

    public Member withVersion(long next) {
        return new Member(id, workspaceId, email, name, role, status, invitedBy, invitationHash, invitationExpiresAt, createdAt, updatedAt, next);
    }

    /** As stored by a first write. */
    public Member withVersionOne() {
        return withVersion(1);
    }

    public Member withRole(Role next, Instant now) {
        return new Member(id, workspaceId, email, name, next, status, invitedBy, invitationHash, invitationExpiresAt, createdAt, now, version);
    }

    public Member accepted(Instant now) {
        return new Member(id, workspaceId, email, name, role, MemberStatus.ACTIVE, invitedBy, null, null, createdAt, now, version);
    }

    public Member removed(Instant now) {
        return new Member(id, workspaceId, email, name, role, MemberStatus.REMOVED, invitedBy, null, null, createdAt, now, version);
    }

    public Member reinvited(String hash, Instant expiresAt, Instant now) {
        return new Member(id, workspaceId, email, name, role, status, invitedBy, hash, expiresAt, createdAt, now, version);
    }
}
