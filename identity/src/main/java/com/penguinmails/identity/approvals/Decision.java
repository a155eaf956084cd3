package com.penguinmails.identity.approvals;

import java.time.Instant;

/** One approver's decision on a request, with their comment. */
public record Decision(String memberId, String actor, boolean approved, String comment, Instant at) {
}
