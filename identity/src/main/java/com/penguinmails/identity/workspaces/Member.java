package com.penguinmails.identity.workspaces;

import java.time.Instant;

public record Member(String id, String workspaceId, String email, String name, Role role, Instant createdAt) {

    public enum Role { OWNER, ADMIN, MEMBER, VIEWER }
}
