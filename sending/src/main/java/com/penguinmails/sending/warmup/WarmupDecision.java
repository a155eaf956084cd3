package com.penguinmails.sending.warmup;

/** What one evaluation (or one user action) did. */
public enum WarmupDecision {
    /** A healthy day with enough traffic: one step up. */
    ADVANCED,
    /** Stayed on the same step: rates above the healthy target, too little traffic to judge, or a bad day at step 0. */
    HELD,
    /** A bad day (a rate at or above its step-back line): one step down. */
    STEPPED_BACK,
    /** Stopped: a rate reached its pause line on enough sends, a user paused it, or it stays paused. */
    PAUSED,
    /** A user resumed a paused resource. */
    RESUMED,
    /** Idle too long: back to the first step. */
    REWARMED,
    /** Reached, or stays at, the plan's final cap. */
    COMPLETE,
    /** Nothing done: already evaluated for this day (schedules may deliver twice), or the action was already in effect. */
    NO_CHANGE
}
