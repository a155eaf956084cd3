package com.penguinmails.sending.ips;

import java.time.Instant;
import java.util.List;

/** Dedicated IPs that share traffic by weight. In AWS: an SES dedicated IP pool with its configuration set. */
public record IpPool(String id, String workspaceId, String name, List<Member> members, Instant createdAt) {

    public record Member(String ipId, int weight) {}

    public IpPool {
        members = List.copyOf(members);
    }
}
