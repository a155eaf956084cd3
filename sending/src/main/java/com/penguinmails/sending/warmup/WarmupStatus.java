package com.penguinmails.sending.warmup;

/** Where a resource stands in its warmup. */
public enum WarmupStatus {
    /** Climbing: the last judged day was healthy (or the ramp just started or restarted). */
    WARMING,
    /** At the plan's final cap. Still watched: a bad day steps back, a pause line pauses, 30 idle days re-warm. */
    WARM,
    /** Not climbing: the last judged day was unhealthy or had too little traffic to judge. Sends at its cap. */
    HELD,
    /** Stopped (cap 0) until someone resumes it, by the engine on a pause line or by a user. */
    PAUSED
}
