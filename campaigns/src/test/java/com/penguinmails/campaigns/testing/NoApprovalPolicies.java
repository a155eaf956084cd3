package com.penguinmails.campaigns.testing;

import com.penguinmails.identity.approvals.Approval;
import com.penguinmails.identity.approvals.ApprovalPolicy;
import com.penguinmails.identity.approvals.ApprovalStore;
import com.penguinmails.identity.approvals.GuardedAction;
import java.util.List;
import java.util.Optional;

/** A workspace without approval policies: every guarded action goes ahead (approvals are tested end to end). */
final class NoApprovalPolicies implements ApprovalStore {

    @Override
    public void putPolicy(ApprovalPolicy policy) {
        throw new UnsupportedOperationException();
    }

    @Override
    public Optional<ApprovalPolicy> policy(String workspaceId, GuardedAction action) {
        return Optional.empty();
    }

    @Override
    public List<ApprovalPolicy> policies(String workspaceId) {
        return List.of();
    }

    @Override
    public void deletePolicy(String workspaceId, GuardedAction action) {
        throw new UnsupportedOperationException();
    }

    @Override
    public void create(Approval approval) {
        throw new UnsupportedOperationException();
    }

    @Override
    public Optional<Approval> find(String workspaceId, String approvalId) {
        return Optional.empty();
    }

    @Override
    public boolean write(Approval approval, long expectedVersion) {
        throw new UnsupportedOperationException();
    }

    @Override
    public List<Approval> recent(String workspaceId, int limit) {
        return List.of();
    }
}
