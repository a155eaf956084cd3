package com.penguinmails.sending.warmup;

import java.util.Objects;

/**
 * The outcome of an engine call: the state to store, and what was decided and why. The decision is also the last
 * history entry, except for NO_CHANGE, which is not recorded so that repeating a call leaves the state equal.
 */
public record WarmupResult(WarmupState state, WarmupDecision decision, String reason) {

    public WarmupResult {
        Objects.requireNonNull(state, "state");
        Objects.requireNonNull(decision, "decision");
        Objects.requireNonNull(reason, "reason");
    }

    /** False when the state is unchanged, so the caller can skip the write. */
    public boolean changed() {
        return decision != WarmupDecision.NO_CHANGE;
    }
}
