package com.penguinmails.analytics.rollups;

import java.time.Instant;

/**
 * How far the fold has applied the packs, and who is folding.
 *
 * @param watermark  every pack that arrived up to here is in the counters
 * @param pending    the end of the window being applied, recorded before the first counter is written, so a fold that
 *                   stops midway is resumed over the same window (null: none)
 * @param leaseOwner the run folding now; another run waits for {@code leaseUntil}
 * @param version    the stored version it was read at (0: none stored yet)
 */
public record FoldState(Instant watermark, Instant pending, String leaseOwner, Instant leaseUntil, long version) {

    public FoldState withLease(String owner, Instant until) {
        return new FoldState(watermark, pending, owner, until, version + 1);
    }

    public FoldState withPending(Instant target) {
        return new FoldState(watermark, target, leaseOwner, leaseUntil, version + 1);
    }

    public FoldState applied(Instant target, Instant leaseUntil) {
        return new FoldState(target, null, leaseOwner, leaseUntil, version + 1);
    }

    public FoldState released() {
        return new FoldState(watermark, pending, null, Instant.EPOCH, version + 1);
    }
}
