package com.penguinmails.shared.workspaces;

import java.util.Optional;

public interface WorkspaceStore {

    void create(Workspace workspace);

    Optional<Workspace> find(String workspaceId);

    void updatePostalAddress(String workspaceId, String postalAddress);

    /**
     * Takes one of the workspace's {@code max} active-key slots with a conditional counter update, so concurrent
     * creations can never pass the cap; false when all slots are taken.
     */
    boolean reserveKeySlot(String workspaceId, int max);

    /** Gives a slot back when a key is revoked or expires (or its creation failed after reserving). */
    void releaseKeySlot(String workspaceId);
}
