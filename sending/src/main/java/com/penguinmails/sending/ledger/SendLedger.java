package com.penguinmails.sending.ledger;

import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Per resource (an IP, a mailbox, a sending domain) and UTC day: how much was sent and what came back. The same
 * row is the day's capacity reservation and the reputation window's input: a batch of sends reserves its block of
 * the cap in about one write ({@link #reserveUpTo}) and needs no other here.
 */
public interface SendLedger {

    /** Takes one unit of {@code cap} for the day; false (and nothing taken) when the cap is used up. */
    boolean reserve(String resourceId, LocalDate day, long cap);

    /** Gives back a unit that was reserved but not sent (a transport failure). */
    void unreserve(String resourceId, LocalDate day);

    /**
     * Takes up to {@code wanted} units of {@code cap} for the day (a block, see {@link CapBlocks}): one conditional
     * write when that many are left; fewer when fewer are left under the cap (then a read of what is left and a
     * write for that), 0 when none are. Answers how many it took: never
     * more than {@code wanted}, and {@code sent} never goes above {@code cap}. A write that was applied but whose answer
     * was lost (the call throws) leaves its units counted: the day sends fewer, never more.
     */
    long reserveUpTo(String resourceId, LocalDate day, long cap, long wanted);

    /** Gives back {@code units} that were reserved but not sent, in one write (the rest of a block). */
    void giveBack(String resourceId, LocalDate day, long units);

    /**
     * Adds outcomes (delivered, bounces, ...) to the day's counts; {@code sent} in the delta is ignored. Not
     * idempotent: delivery events are counted through {@link #addPending} instead, which a redelivery cannot repeat.
     */
    void record(String resourceId, LocalDate day, DeliveryCounts delta);

    /**
     * Adds each event's outcome to the day's counts and leaves a pending mark (the event's key, {@code attempt}) on
     * the row in the same conditional write, so an event is never added twice while a mark stands. An event that is
     * already marked is not added again: the answer gives, per event key, the attempt whose count stands for it
     * (this one, or an earlier one that stopped before it could finish). An event key names one event uniquely.
     */
    Map<String, String> addPending(String resourceId, LocalDate day, Map<String, DeliveryCounts> byEventKey, String attempt);

    /** The attempt whose pending mark for {@code eventKey} stands on the row, if any. */
    Optional<String> pendingAttempt(String resourceId, LocalDate day, String eventKey);

    /** Removes the pending marks (event key to attempt) of counts that were committed; a mark of another attempt stays. */
    void settle(String resourceId, LocalDate day, Map<String, String> attemptByEventKey);

    /** Takes an event's count back and removes its mark, if the mark is still {@code attempt}'s: a count never committed. */
    void takeBack(String resourceId, LocalDate day, String eventKey, String attempt, DeliveryCounts delta);

    /** Counts of each day from {@code from} to {@code to} inclusive that has any. */
    List<DailyCounts> history(String resourceId, LocalDate from, LocalDate to);
}
