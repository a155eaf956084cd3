package com.penguinmails.sending.ips;

import com.penguinmails.sending.warmup.IpWarmupPlan;
import com.penguinmails.sending.warmup.WarmupState;
import java.time.Instant;

/**
 * A dedicated sending IP with its warmup plan and progress. {@code version} guards concurrent changes (the daily
 * warmup step, a pause from the API, an automatic pause on reputation) with a conditional write.
 */
public record DedicatedIp(String id, String workspaceId, String address, IpWarmupPlan plan, WarmupState warmup,
                          Instant createdAt, long version) {
}
