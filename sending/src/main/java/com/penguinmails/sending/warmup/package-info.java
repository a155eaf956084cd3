/**
 * Warmup of dedicated IPs and sending mailboxes: a plan of daily caps
 * ({@link com.penguinmails.sending.warmup.WarmupPlan}) and an engine that moves a resource along it one decision a
 * day on the evidence of its previous day's traffic ({@link com.penguinmails.sending.warmup.WarmupEngine}). Pure
 * domain logic: no I/O, no clock, no AWS types.
 */
package com.penguinmails.sending.warmup;
