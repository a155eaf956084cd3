package com.penguinmails.identity.workspaces;

import com.penguinmails.identity.apikeys.KeySlots;
import java.util.Optional;

/** Workspaces, which also keep the cap on their active keys. */
public interface WorkspaceStore extends KeySlots {

    void create(Workspace workspace);

    Optional<Workspace> find(String workspaceId);

    void updatePostalAddress(String workspaceId, String postalAddress);

    void updateEventRetentionDays(String workspaceId, int days);
}
