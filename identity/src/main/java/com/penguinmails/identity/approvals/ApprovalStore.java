package com.penguinmails.identity.approvals;

import java.util.List;
import java.util.Optional;

/** Policies and requests of a workspace, in one partition. */
public interface ApprovalStore {

    void putPolicy(ApprovalPolicy policy);

    Optional<ApprovalPolicy> policy(String workspaceId, GuardedAction action);

    List<ApprovalPolicy> policies(String workspaceId);

    void deletePolicy(String workspaceId, GuardedAction action);

    void create(Approval approval);

    Optional<Approval> find(String workspaceId, String approvalId);

    /** Writes {@code approval} if the stored one still has {@code expectedVersion}; its version becomes one higher. */
    boolean write(Approval approval, long expectedVersion);

    /** Requests newest first, at most {@code limit}. */
    List<Approval> recent(String workspaceId, int limit);
}
