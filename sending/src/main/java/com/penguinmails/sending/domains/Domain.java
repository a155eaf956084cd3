package com.penguinmails.sending.domains;

import java.time.Instant;
import java.util.List;

/**
 * A sending domain. {@code id} is the lower-case domain name itself, so "is this From domain verified?" is one
 * key lookup. Mail may only be sent from a VERIFIED domain.
 */
public record Domain(String id, String workspaceId, Status status, List<DnsRecord> records, List<RecordCheck> lastChecks,
                     Instant createdAt, Instant verifiedAt, Instant lastCheckedAt) {

    public enum Status { PENDING, VERIFIED, FAILED }

    public Domain {
        records = List.copyOf(records);
        lastChecks = lastChecks == null ? List.of() : List.copyOf(lastChecks);
    }
}
