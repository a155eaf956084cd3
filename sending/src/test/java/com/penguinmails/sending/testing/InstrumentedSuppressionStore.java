package com.penguinmails.sending.testing;

import com.penguinmails.core.paging.Page;
import com.penguinmails.sending.suppressions.Suppression;
import com.penguinmails.sending.suppressions.SuppressionAddition;
import com.penguinmails.sending.suppressions.SuppressionStore;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A suppression store that counts its queries (one per address looked up with {@link #find}, one per read of the record)
 * and whose writes to the record can be made to fail, as a writer stopping there would.
 */
public final class InstrumentedSuppressionStore implements SuppressionStore {

    private final SuppressionStore store;
    private final AtomicInteger finds = new AtomicInteger();
    private final AtomicInteger additionReads = new AtomicInteger();
    private volatile boolean recordingFails;

    public InstrumentedSuppressionStore(SuppressionStore store) {
        this.store = store;
    }

    public void recordingFails(boolean fails) {
        recordingFails = fails;
    }

    public int finds() {
        return finds.get();
    }

    public int additionReads() {
        return additionReads.get();
    }

    @Override
    public boolean add(Suppression suppression) {
        return store.add(suppression);
    }

    @Override
    public List<Suppression> find(String workspaceId, String email) {
        finds.incrementAndGet();
        return store.find(workspaceId, email);
    }

    @Override
    public boolean remove(String workspaceId, String email, String scope) {
        return store.remove(workspaceId, email, scope);
    }

    @Override
    public Page<Suppression> list(String workspaceId, String afterPosition, int limit) {
        return store.list(workspaceId, afterPosition, limit);
    }

    @Override
    public int countSoftBounce(String workspaceId, String email) {
        return store.countSoftBounce(workspaceId, email);
    }

    @Override
    public void recordAddition(Suppression suppression, Instant keepUntil) {
        if (recordingFails) {
            throw new IllegalStateException("the record of additions did not answer");
        }
        store.recordAddition(suppression, keepUntil);
    }

    @Override
    public List<SuppressionAddition> additions(String workspaceId, Instant from, Instant until, int max) {
        additionReads.incrementAndGet();
        return store.additions(workspaceId, from, until, max);
    }
}
