package com.penguinmails.functions.campaigns;

import com.penguinmails.identity.approvals.Approval;
import com.penguinmails.identity.approvals.Decision;
import com.penguinmails.identity.members.Role;
import java.time.Instant;
import java.util.List;
import java.util.Map;

/** An approval request as the API shows it. */
record ApprovalView(String id, String action, Map<String, String> parameters, String summary, String status, String requestedBy,
                    String requesterMemberId, List<String> approverRoles, int quorum, List<DecisionView> decisions, Instant createdAt,
                    Instant expiresAt, String result) {

    record DecisionView(String memberId, String decision, String comment, Instant at) {
        static DecisionView of(Decision d) {
            return new DecisionView(d.memberId(), d.approved() ? "approved" : "rejected", d.comment(), d.at());
        }
    }

    static ApprovalView of(Approval a) {
        return new ApprovalView(a.id(), a.action().wireName(), a.parameters(), a.summary(), a.status().wireName(), a.requestedBy(),
                a.requesterMemberId(), a.approverRoles().stream().map(Role::wireName).sorted().toList(), a.quorum(),
                a.decisions().stream().map(DecisionView::of).toList(), a.createdAt(), a.expiresAt(), a.result());
    }
}
