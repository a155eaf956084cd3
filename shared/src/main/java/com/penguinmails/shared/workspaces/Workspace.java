package com.penguinmails.shared.workspaces;

import java.time.Instant;

/** The tenant: every resource belongs to exactly one workspace. */
public record Workspace(String id, String name, Instant createdAt) {
}
