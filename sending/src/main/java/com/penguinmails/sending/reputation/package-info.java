/**
 * Sender reputation: add up delivery counts over a rolling window and judge them against a workspace's policy
 * ({@link com.penguinmails.sending.reputation.ReputationCalculator#assess}). Pure domain logic: no I/O, no clock, no
 * AWS types; callers pass the days and today's date.
 */
package com.penguinmails.sending.reputation;
