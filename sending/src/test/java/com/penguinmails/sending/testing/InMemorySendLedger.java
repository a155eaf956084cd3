package com.penguinmails.sending.testing;

import com.penguinmails.sending.ledger.DailyCounts;
import com.penguinmails.sending.ledger.DeliveryCounts;
import com.penguinmails.sending.ledger.SendLedger;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/** The send ledger in memory, with the same all-or-nothing conditional writes as the DynamoDB one. */
public final class InMemorySendLedger implements SendLedger {

    private record Key(String resourceId, LocalDate day) {}

    private static final class Row {
        long sent;
        DeliveryCounts outcomes = DeliveryCounts.ZERO;
        final Map<String, String> pending = new HashMap<>();
    }

    private final Map<Key, Row> rows = new HashMap<>();

    private Row row(String resourceId, LocalDate day) {
        return rows.computeIfAbsent(new Key(resourceId, day), k -> new Row());
    }

    @Override
    public synchronized boolean reserve(String resourceId, LocalDate day, long cap) {
        Row row = row(resourceId, day);
        if (cap <= 0 || row.sent >= cap) {
            return false;
        }
        row.sent++;
        return true;
    }

    @Override
    public synchronized void unreserve(String resourceId, LocalDate day) {
        Row row = row(resourceId, day);
        if (row.sent > 0) {
            row.sent--;
        }
    }

    @Override
    public synchronized long reserveUpTo(String resourceId, LocalDate day, long cap, long wanted) {
        Row row = row(resourceId, day);
        long granted = Math.max(0, Math.min(wanted, cap - row.sent));
        row.sent += granted;
        return granted;
    }

    @Override
    public synchronized void giveBack(String resourceId, LocalDate day, long units) {
        Row row = row(resourceId, day);
        if (units > 0 && row.sent >= units) {
            row.sent -= units;
        }
    }

    @Override
    public synchronized void record(String resourceId, LocalDate day, DeliveryCounts delta) {
        Row row = row(resourceId, day);
        row.outcomes = row.outcomes.plus(delta);
    }

    @Override
    public synchronized Map<String, String> addPending(String resourceId, LocalDate day, Map<String, DeliveryCounts> byEventKey, String attempt) {
        Row row = row(resourceId, day);
        Map<String, String> holders = new LinkedHashMap<>();
        byEventKey.forEach((eventKey, delta) -> {
            String holder = row.pending.get(eventKey);
            if (holder == null) {
                row.pending.put(eventKey, attempt);
                row.outcomes = row.outcomes.plus(delta);
                holder = attempt;
            }
            holders.put(eventKey, holder);
        });
        return holders;
    }

    @Override
    public synchronized Optional<String> pendingAttempt(String resourceId, LocalDate day, String eventKey) {
        return Optional.ofNullable(row(resourceId, day).pending.get(eventKey));
    }

    @Override
    public synchronized void settle(String resourceId, LocalDate day, Map<String, String> attemptByEventKey) {
        Row row = row(resourceId, day);
        attemptByEventKey.forEach((eventKey, attempt) -> row.pending.remove(eventKey, attempt));
    }

    @Override
    public synchronized void takeBack(String resourceId, LocalDate day, String eventKey, String attempt, DeliveryCounts delta) {
        Row row = row(resourceId, day);
        if (row.pending.remove(eventKey, attempt)) {
            DeliveryCounts o = row.outcomes;
            row.outcomes = new DeliveryCounts(0, o.delivered() - delta.delivered(), o.hardBounces() - delta.hardBounces(),
                    o.softBounces() - delta.softBounces(), o.complaints() - delta.complaints(), o.deferrals() - delta.deferrals(),
                    o.opens() - delta.opens(), o.unsubscribes() - delta.unsubscribes());
        }
    }

    @Override
    public synchronized List<DailyCounts> history(String resourceId, LocalDate from, LocalDate to) {
        TreeMap<LocalDate, DailyCounts> days = new TreeMap<>();
        rows.forEach((key, row) -> {
            if (key.resourceId().equals(resourceId) && !key.day().isBefore(from) && !key.day().isAfter(to)) {
                DeliveryCounts o = row.outcomes;
                days.put(key.day(), new DailyCounts(key.day(), new DeliveryCounts(row.sent, o.delivered(), o.hardBounces(), o.softBounces(),
                        o.complaints(), o.deferrals(), o.opens(), o.unsubscribes())));
            }
        });
        return new ArrayList<>(days.values());
    }
}
