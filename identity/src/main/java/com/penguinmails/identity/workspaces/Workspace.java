package com.penguinmails.identity.workspaces;

import java.time.Instant;

/**
 * The tenant: every resource belongs to exactly one workspace. {@code postalAddress} is printed in the footer of
 * every email it sends (CAN-SPAM asks for a valid physical postal address); null until the owner sets it.
 */
public record Workspace(String id, String name, Instant createdAt, String postalAddress) {
}
