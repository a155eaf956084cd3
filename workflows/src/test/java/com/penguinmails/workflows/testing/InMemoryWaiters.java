package com.penguinmails.workflows.testing;

import com.penguinmails.workflows.engine.Waiters;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

public final class InMemoryWaiters implements Waiters {

    public final Set<Waiter> waiters = ConcurrentHashMap.newKeySet();

    @Override
    public void add(Waiter waiter) {
        waiters.add(waiter);
    }

    @Override
    public List<Waiter> waitingFor(String workspaceId, String eventType) {
        return waiters.stream().filter(w -> w.workspaceId().equals(workspaceId) && w.eventType().equals(eventType)).toList();
    }

    @Override
    public void remove(Waiter waiter) {
        waiters.remove(waiter);
    }
}
