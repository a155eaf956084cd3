package com.penguinmails.sending.suppressions;

import java.time.Instant;

/**
 * One entry of a workspace's record of suppressions added lately: the address and scope as the suppression has them,
 * and the suppression's own creation time. The record may name a suppression that is not (or no longer) stored: it is
 * written before the suppression, and removals leave it alone.
 */
public record SuppressionAddition(String email, String scope, Instant addedAt) {}
