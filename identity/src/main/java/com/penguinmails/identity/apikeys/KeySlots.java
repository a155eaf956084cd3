package com.penguinmails.identity.apikeys;

/**
 * The cap on a workspace's active keys, kept on the workspace item (workspaces implement it), so that api keys
 * need not depend on workspaces.
 */
public interface KeySlots {

    /**
     * Takes one of the workspace's {@code max} active-key slots with a conditional counter update, so concurrent
     * creations can never pass the cap; false when all slots are taken.
     */
    boolean reserveKeySlot(String workspaceId, int max);

    /** Gives a slot back when a key is revoked or expires (or its creation failed after reserving). */
    void releaseKeySlot(String workspaceId);
}
