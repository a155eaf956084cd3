/**
 * Warmup of dedicated IPs and sending mailboxes: a plan of daily caps
 * ({@link com.penguinmails.shared.warmup.WarmupPlan}) and an engine that moves a resource along it one decision a
 * day on the evidence of its previous day's traffic ({@link com.penguinmails.shared.warmup.WarmupEngine}). Pure
 * domain logic: no I/O, no clock, no AWS types.
 */
package com.penguinmails.shared.warmup;
