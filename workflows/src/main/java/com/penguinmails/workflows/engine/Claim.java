package com.penguinmails.workflows.engine;

import java.time.Instant;

/**
 * The action step a run is on: {@code attempt} counts from 1, and nobody else takes the step before
 * {@code leaseUntil}. The lease is what makes a redelivered message lose to the worker already running the step; after
 * it, the step is taken again (a crashed worker, or the back-off of a failed attempt having passed).
 */
public record Claim(String path, int attempt, Instant leaseUntil) {}
