package com.penguinmails.identity.approvals;

import com.penguinmails.identity.members.Role;
import java.time.Duration;
import java.util.Set;

/**
 * Which action needs approval in a workspace, by whom and how many: {@code quorum} distinct approvers holding one of
 * {@code approverRoles}, within {@code expiresAfter}. {@code threshold} narrows the action (a campaign launch needs
 * approval only from that many recipients up; 0: always).
 */
public record ApprovalPolicy(String workspaceId, GuardedAction action, Set<Role> approverRoles, int quorum, Duration expiresAfter, long threshold) {

    public static final int MAX_QUORUM = 5;
    public static final Duration MAX_EXPIRY = Duration.ofDays(30);

    public ApprovalPolicy {
        approverRoles = Set.copyOf(approverRoles);
    }

    public boolean covers(long size) {
        return size >= threshold;
    }
}
