package com.penguinmails.shared.ledger;

import com.penguinmails.shared.reputation.DailyCounts;
import com.penguinmails.shared.reputation.DeliveryCounts;
import java.time.LocalDate;
import java.util.List;

/**
 * Per resource (an IP, a mailbox, a sending domain) and UTC day: how much was sent and what came back. The same
 * row is the day's capacity reservation and the reputation window's input, so a send costs one write here.
 */
public interface SendLedger {

    /** Takes one unit of {@code cap} for the day; false (and nothing taken) when the cap is used up. */
    boolean reserve(String resourceId, LocalDate day, long cap);

    /** Gives back a unit that was reserved but not sent (a transport failure). */
    void unreserve(String resourceId, LocalDate day);

    /** Adds outcomes (delivered, bounces, ...) to the day's counts; {@code sent} in the delta is ignored. */
    void record(String resourceId, LocalDate day, DeliveryCounts delta);

    /** Counts of each day from {@code from} to {@code to} inclusive that has any. */
    List<DailyCounts> history(String resourceId, LocalDate from, LocalDate to);
}
