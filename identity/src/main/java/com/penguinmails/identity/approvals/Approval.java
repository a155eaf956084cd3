package com.penguinmails.identity.approvals;

import com.penguinmails.identity.members.Role;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

/**
 * A request to take a guarded action, held until approved: the parameters that will run (exactly those, once), who
 * asked, the policy it falls under as it was then, and the decisions so far.
 *
 * @param summary a sentence for approvers: what would happen
 * @param result  once executed or failed, what happened
 * @param version incremented by every write, which is conditional on the version read
 */
public record Approval(String id, String workspaceId, GuardedAction action, Map<String, String> parameters, String summary,
                       String requestedBy, String requesterMemberId, Set<Role> approverRoles, int quorum, ApprovalStatus status,
                       List<Decision> decisions, Instant createdAt, Instant expiresAt, String result, long version) {

    public Approval {
        Objects.requireNonNull(id, "id");
        parameters = Map.copyOf(parameters);
        approverRoles = Set.copyOf(approverRoles);
        decisions = List.copyOf(decisions);
    }

    /** Pending past its expiry reads as expired: no sweeper is needed for a decision to be refused in time. */
    public ApprovalStatus effectiveStatus(Instant now) {
        return status == ApprovalStatus.PENDING && !now.isBefore(expiresAt) ? ApprovalStatus.EXPIRED : status;
    }

    public long approvals() {
        return decisions.stream().filter(Decision::approved).count();
    }

    public Approval with(Decision decision) {
        List<Decision> all = new ArrayList<>(decisions);
        all.add(decision);
        return new Approval(id, workspaceId, action, parameters, summary, requestedBy, requesterMemberId, approverRoles, quorum, status, all,
                createdAt, expiresAt, result, version);
    }

    public Approval withStatus(ApprovalStatus next, String outcome) {
        return new Approval(id, workspaceId, action, parameters, summary, requestedBy, requesterMemberId, approverRoles, quorum, next, decisions,
                createdAt, expiresAt, outcome, version);
    }

    public Approval withVersion(long next) {
        return new Approval(id, workspaceId, action, parameters, summary, requestedBy, requesterMemberId, approverRoles, quorum, status, decisions,
                createdAt, expiresAt, result, next);
    }
}
