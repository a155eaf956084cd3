package com.penguinmails.identity.testing;

import com.penguinmails.identity.workspaces.Workspace;
import com.penguinmails.identity.workspaces.WorkspaceStore;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;

/** Workspaces in memory with their active-key counter: never above the cap, never below zero, as in DynamoDB. */
public final class InMemoryWorkspaceStore implements WorkspaceStore {

    private final Map<String, Workspace> workspaces = new HashMap<>();
    private final Map<String, Integer> activeKeys = new HashMap<>();

    @Override
    public synchronized void create(Workspace workspace) {
        if (workspaces.putIfAbsent(workspace.id(), workspace) != null) {
            throw new IllegalStateException("workspace " + workspace.id() + " exists");
        }
        activeKeys.put(workspace.id(), 0);
    }

    @Override
    public synchronized Optional<Workspace> find(String workspaceId) {
        return Optional.ofNullable(workspaces.get(workspaceId));
    }

    @Override
    public synchronized void updatePostalAddress(String workspaceId, String postalAddress) {
        Workspace w = workspaces.get(workspaceId);
        if (w == null) {
            throw new IllegalStateException("no workspace " + workspaceId);
        }
        workspaces.put(workspaceId, new Workspace(w.id(), w.name(), w.createdAt(), postalAddress, w.eventRetentionDays()));
    }

    @Override
    public synchronized void updateEventRetentionDays(String workspaceId, int days) {
        Workspace w = workspaces.get(workspaceId);
        if (w == null) {
            throw new IllegalStateException("no workspace " + workspaceId);
        }
        workspaces.put(workspaceId, new Workspace(w.id(), w.name(), w.createdAt(), w.postalAddress(), days));
    }

    @Override
    public synchronized boolean reserveKeySlot(String workspaceId, int max) {
        Integer used = activeKeys.get(workspaceId);
        if (used == null || used >= max) {
            return false;
        }
        activeKeys.put(workspaceId, used + 1);
        return true;
    }

    @Override
    public synchronized void releaseKeySlot(String workspaceId) {
        activeKeys.computeIfPresent(workspaceId, (ws, used) -> Math.max(0, used - 1));
    }

    public synchronized int activeKeys(String workspaceId) {
        return activeKeys.getOrDefault(workspaceId, 0);
    }
}
