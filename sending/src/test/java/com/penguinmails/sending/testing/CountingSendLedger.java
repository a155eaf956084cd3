package com.penguinmails.sending.testing;

import com.penguinmails.sending.ledger.DailyCounts;
import com.penguinmails.sending.ledger.DeliveryCounts;
import com.penguinmails.sending.ledger.SendLedger;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicInteger;

/** Passes everything on to a ledger and counts the writes that reserve or give back cap units. */
public final class CountingSendLedger implements SendLedger {

    private final SendLedger delegate;
    private final AtomicInteger reservations = new AtomicInteger();
    private final AtomicInteger giveBacks = new AtomicInteger();

    public CountingSendLedger(SendLedger delegate) {
        this.delegate = delegate;
    }

    /** Calls of reserve and reserveUpTo so far. */
    public int reservations() {
        return reservations.get();
    }

    /** Calls of unreserve and giveBack so far. */
    public int giveBacks() {
        return giveBacks.get();
    }

    @Override
    public boolean reserve(String resourceId, LocalDate day, long cap) {
        reservations.incrementAndGet();
        return delegate.reserve(resourceId, day, cap);
    }

    @Override
    public void unreserve(String resourceId, LocalDate day) {
        giveBacks.incrementAndGet();
        delegate.unreserve(resourceId, day);
    }

    @Override
    public long reserveUpTo(String resourceId, LocalDate day, long cap, long wanted) {
        reservations.incrementAndGet();
        return delegate.reserveUpTo(resourceId, day, cap, wanted);
    }

    @Override
    public void giveBack(String resourceId, LocalDate day, long units) {
        giveBacks.incrementAndGet();
        delegate.giveBack(resourceId, day, units);
    }

    @Override
    public void record(String resourceId, LocalDate day, DeliveryCounts delta) {
        delegate.record(resourceId, day, delta);
    }

    @Override
    public Map<String, String> addPending(String resourceId, LocalDate day, Map<String, DeliveryCounts> byEventKey, String attempt) {
        return delegate.addPending(resourceId, day, byEventKey, attempt);
    }

    @Override
    public Optional<String> pendingAttempt(String resourceId, LocalDate day, String eventKey) {
        return delegate.pendingAttempt(resourceId, day, eventKey);
    }

    @Override
    public void settle(String resourceId, LocalDate day, Map<String, String> attemptByEventKey) {
        delegate.settle(resourceId, day, attemptByEventKey);
    }

    @Override
    public void takeBack(String resourceId, LocalDate day, String eventKey, String attempt, DeliveryCounts delta) {
        delegate.takeBack(resourceId, day, eventKey, attempt, delta);
    }

    @Override
    public List<DailyCounts> history(String resourceId, LocalDate from, LocalDate to) {
        return delegate.history(resourceId, from, to);
    }
}
