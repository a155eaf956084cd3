package com.penguinmails.workflows.testing;

import com.penguinmails.workflows.engine.ActionExecutor;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

/** Records every action request; fails the next ones with the failures queued by {@link #failNext}. */
public final class RecordingActions implements ActionExecutor {

    public final List<ActionRequest> requests = new CopyOnWriteArrayList<>();
    private final Deque<RuntimeException> failures = new ArrayDeque<>();
    public Runnable during = () -> { };

    public synchronized void failNext(RuntimeException failure) {
        failures.add(failure);
    }

    @Override
    public String execute(ActionRequest request) {
        requests.add(request);
        during.run();
        RuntimeException failure;
        synchronized (this) {
            failure = failures.poll();
        }
        if (failure != null) {
            throw failure;
        }
        return request.type().wireName() + " " + request.parameters();
    }
}
