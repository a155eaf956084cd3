package com.penguinmails.identity.approvals;

import com.penguinmails.core.auth.Principal;
import com.penguinmails.core.platform.Ids;
import com.penguinmails.core.problems.ApiProblem;
import com.penguinmails.identity.audit.AuditRecorder;
import com.penguinmails.identity.audit.Caller;
import com.penguinmails.identity.members.Member;
import com.penguinmails.identity.members.MemberStore;
import com.penguinmails.identity.members.Role;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Team approvals: a workspace's policies say which actions wait for whom; a guarded request becomes a pending
 * approval instead of acting; approvers (members whose role the policy names, never the requester) approve or
 * reject with a comment; once the quorum agrees the action runs exactly once, with the parameters that were
 * approved. A request nobody decided within the policy's time expires and runs nothing. Every decision is audited.
 */
public final class ApprovalService {

    public static final Duration DEFAULT_EXPIRY = Duration.ofHours(72);
    private static final int ATTEMPTS = 3;

    private final ApprovalStore store;
    private final MemberStore members;
    private final ActionRunner runner;
    private final AuditRecorder audit;
    private final Clock clock;

    public ApprovalService(ApprovalStore store, MemberStore members, ActionRunner runner, AuditRecorder audit, Clock clock) {
        this.store = store;
        this.members = members;
        this.runner = runner;
        this.audit = audit;
        this.clock = clock;
    }

    /** A policy as the API gives it: null parts take the defaults (owners and admins, one approver, 72 hours, always). */
    public ApprovalPolicy putPolicy(Caller caller, String actionName, List<String> roleNames, Integer quorum, Integer expiresAfterHours, Long threshold) {
        GuardedAction action = action(actionName);
        Set<Role> roles = EnumSet.noneOf(Role.class);
        for (String name : roleNames == null ? List.of("owner", "admin") : roleNames) {
            Role role = Role.fromWire(name).orElseThrow(() -> ApiProblem.invalidField("approverRoles", "approverRoles are owner, admin, member, viewer."));
            if (role == Role.VIEWER) {
                throw ApiProblem.invalidField("approverRoles", "A viewer cannot approve: viewers change nothing.");
            }
            roles.add(role);
        }
        if (roles.isEmpty()) {
            throw ApiProblem.invalidField("approverRoles", "Name at least one role that may approve.");
        }
        int q = quorum == null ? 1 : quorum;
        if (q < 1 || q > ApprovalPolicy.MAX_QUORUM) {
            throw ApiProblem.invalidField("quorum", "quorum is 1 to " + ApprovalPolicy.MAX_QUORUM + " distinct approvers.");
        }
        Duration expiry = expiresAfterHours == null ? DEFAULT_EXPIRY : Duration.ofHours(expiresAfterHours);
        if (expiry.isNegative() || expiry.isZero() || expiry.compareTo(ApprovalPolicy.MAX_EXPIRY) > 0) {
            throw ApiProblem.invalidField("expiresAfterHours", "expiresAfterHours is 1 to " + ApprovalPolicy.MAX_EXPIRY.toHours() + ".");
        }
        long min = threshold == null ? 0 : threshold;
        if (min < 0 || min > 100_000_000) {
            throw ApiProblem.invalidField("threshold", "threshold is 0 (always) or the size from which approval is needed.");
        }
        ApprovalPolicy policy = new ApprovalPolicy(caller.principal().workspaceId(), action, roles, q, expiry, min);
        store.putPolicy(policy);
        audit.success(caller, "approval-policy.set", action.wireName(), Map.of("approverRoles", String.join(" ", roles.stream().map(Role::wireName).sorted().toList()),
                "quorum", Integer.toString(q), "threshold", Long.toString(min)));
        return policy;
    }

    public List<ApprovalPolicy> policies(Principal caller) {
        return store.policies(caller.workspaceId());
    }

    public void deletePolicy(Caller caller, String actionName) {
        GuardedAction action = action(actionName);
        store.deletePolicy(caller.principal().workspaceId(), action);
        audit.success(caller, "approval-policy.deleted", action.wireName(), Map.of());
    }

    /** The approval a guarded request waits for; {@code created} false when the same request was already waiting on it. */
    public record Pending(Approval approval, boolean created) {}

    /**
     * The guard: empty when the action may go ahead now; otherwise the pending approval it waits for (the same one
     * when the same request is made again while it is pending).
     */
    public Optional<Pending> require(Caller caller, GuardedAction action, Map<String, String> parameters, long size, String summary) {
        String workspaceId = caller.principal().workspaceId();
        Optional<ApprovalPolicy> policy = store.policy(workspaceId, action);
        if (policy.isEmpty() || !policy.get().covers(size)) {
            return Optional.empty();
        }
        Instant now = clock.instant();
        Optional<Approval> open = store.recent(workspaceId, 200).stream()
                .filter(a -> a.action() == action && a.parameters().equals(parameters) && a.effectiveStatus(now) == ApprovalStatus.PENDING).findFirst();
        if (open.isPresent()) {
            return Optional.of(new Pending(open.get(), false));
        }
        Approval approval = new Approval("apr_" + Long.toString(now.toEpochMilli(), 36) + Ids.randomBase62(12), workspaceId, action, parameters,
                summary, caller.principal().actor(), caller.principal().memberId(), policy.get().approverRoles(), policy.get().quorum(),
                ApprovalStatus.PENDING, List.of(), now, now.plus(policy.get().expiresAfter()), null, 0);
        store.create(approval);
        audit.success(caller, "approval.requested", approval.id(), Map.of("action", action.wireName(), "summary", summary));
        return Optional.of(new Pending(approval.withVersion(1), true));
    }

    public Approval approve(Caller caller, String approvalId, String comment) {
        return decide(caller, approvalId, comment, true);
    }

    public Approval reject(Caller caller, String approvalId, String comment) {
        return decide(caller, approvalId, comment, false);
    }

    public Approval get(Principal caller, String approvalId) {
        Approval approval = find(caller.workspaceId(), approvalId);
        return approval.withStatus(approval.effectiveStatus(clock.instant()), approval.result());
    }

    /** Newest first; {@code status} (null: any) as each request is now, pending ones past their time reading expired. */
    public List<Approval> list(Principal caller, ApprovalStatus status, int limit) {
        Instant now = clock.instant();
        return store.recent(caller.workspaceId(), 500).stream().map(a -> a.withStatus(a.effectiveStatus(now), a.result()))
                .filter(a -> status == null || a.status() == status).limit(limit).toList();
    }

    private Approval decide(Caller caller, String approvalId, String comment, boolean approve) {
        if (comment != null && comment.length() > 2000) {
            throw ApiProblem.invalidField("comment", "comment is at most 2,000 characters.");
        }
        String workspaceId = caller.principal().workspaceId();
        String memberId = caller.principal().memberId();
        if (memberId == null) {
            throw ApiProblem.forbidden("Approvals are decided by people: use a key a member made.");
        }
        for (int attempt = 0; attempt < ATTEMPTS; attempt++) {
            Approval approval = find(workspaceId, approvalId);
            Instant now = clock.instant();
            ApprovalStatus status = approval.effectiveStatus(now);
            if (status != ApprovalStatus.PENDING) {
                throw ApiProblem.conflict("approval-" + status.wireName(), "Approval " + approvalId + " is " + status.wireName() + "; it takes no more decisions.");
            }
            Member member = members.find(workspaceId, memberId).filter(Member::active)
                    .orElseThrow(() -> ApiProblem.forbidden("The member this key acts for is no longer in the workspace."));
            if (memberId.equals(approval.requesterMemberId())) {
                audit.failure(caller, "auth.forbidden", approvalId, "self-approval", Map.of("attempted", "approval.decide"));
                throw new ApiProblem(403, "self-approval", "Forbidden", "Nobody decides on their own request: another approver must.");
            }
            if (!approval.approverRoles().contains(member.role())) {
                audit.failure(caller, "auth.forbidden", approvalId, "not-an-approver", Map.of("attempted", "approval.decide"));
                throw ApiProblem.forbidden("This request is decided by " + approval.approverRoles().stream().map(Role::wireName).sorted().toList()
                        + "; you are " + member.role().wireName() + ".");
            }
            if (approval.decisions().stream().anyMatch(d -> d.memberId().equals(memberId))) {
                throw ApiProblem.conflict("already-decided", "You already decided on approval " + approvalId + ".");
            }
            Approval decided = approval.with(new Decision(memberId, caller.principal().actor(), approve, comment, now));
            boolean reached = approve && decided.approvals() >= decided.quorum();
            Approval next = !approve ? decided.withStatus(ApprovalStatus.REJECTED, null)
                    : reached ? decided.withStatus(ApprovalStatus.APPROVED, null) : decided;
            if (!store.write(next, approval.version())) {
                continue; // another decision came first: read it again
            }
            next = next.withVersion(approval.version() + 1);
            audit.success(caller, approve ? "approval.approved" : "approval.rejected", approvalId,
                    comment == null ? Map.of("action", approval.action().wireName()) : Map.of("action", approval.action().wireName(), "comment", comment));
            return reached ? execute(caller, next) : next;
        }
        throw ApiProblem.conflict("approval-changed", "Approval " + approvalId + " kept changing; read it and try again.");
    }

    /** The one decision that moved the request to approved runs it; nothing else can, so it runs once. */
    private Approval execute(Caller caller, Approval approved) {
        Approval done;
        try {
            String result = runner.run(approved);
            done = approved.withStatus(ApprovalStatus.EXECUTED, result);
            audit.success(caller, "approval.executed", approved.id(), Map.of("action", approved.action().wireName(), "result", result));
        } catch (ApiProblem problem) {
            done = approved.withStatus(ApprovalStatus.FAILED, problem.detail());
            audit.failure(caller, "approval.executed", approved.id(), "failed", Map.of("action", approved.action().wireName(), "reason", problem.detail()));
        }
        if (!store.write(done, approved.version())) {
            throw new IllegalStateException("approval " + approved.id() + " changed while it ran");
        }
        return done.withVersion(approved.version() + 1);
    }

    private Approval find(String workspaceId, String approvalId) {
        return store.find(workspaceId, approvalId).orElseThrow(() -> ApiProblem.notFound("No approval " + approvalId + " in this workspace."));
    }

    /** The action a policy's path names; any other is no policy of ours (404), as an unknown id would be. */
    private static GuardedAction action(String name) {
        return GuardedAction.fromWire(name).orElseThrow(() -> ApiProblem.notFound("No approval policy for '" + name + "'; the actions a policy"
                + " can guard are " + java.util.Arrays.stream(GuardedAction.values()).map(GuardedAction::wireName).toList() + "."));
    }
}
