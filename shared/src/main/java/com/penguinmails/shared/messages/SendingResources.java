package com.penguinmails.shared.messages;

/** What submission needs to know about IP pools and mailboxes: whether the named one exists in the workspace. */
public interface SendingResources {

    boolean poolExists(String workspaceId, String poolId);

    boolean mailboxExists(String workspaceId, String mailboxId);
}
