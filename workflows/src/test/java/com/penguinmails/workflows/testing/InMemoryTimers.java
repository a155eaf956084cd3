package com.penguinmails.workflows.testing;

import com.penguinmails.workflows.engine.Timers;
import java.time.Instant;
import java.util.Comparator;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

public final class InMemoryTimers implements Timers {

    public final Set<Timer> timers = ConcurrentHashMap.newKeySet();

    @Override
    public void schedule(Timer timer) {
        timers.add(timer);
    }

    @Override
    public List<Timer> due(Instant now, int limit) {
        return timers.stream().filter(t -> !t.dueAt().isAfter(now)).sorted(Comparator.comparing(Timer::dueAt)).limit(limit).toList();
    }

    @Override
    public void remove(Timer timer) {
        timers.remove(timer);
    }
}
