package com.penguinmails.functions.snapstart;

import org.crac.Context;
import org.crac.Core;
import org.crac.Resource;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * SnapStart priming. In AWS the functions run with SnapStart: Lambda initialises a function once, snapshots the JVM,
 * and starts later containers from the snapshot. Work done before the snapshot (classes loaded and initialised, the
 * JSON mapper's serializers built, the DynamoDB client's first call made) is not paid again by the first request
 * after a restore. Outside a CRaC-capable runtime (locally, in tests) registering does nothing and {@link #prime()}
 * runs the same work on demand.
 */
public final class Priming implements Resource {

    private static final Logger LOG = LoggerFactory.getLogger(Priming.class);

    private final String function;
    private final Runnable work;

    private Priming(String function, Runnable work) {
        this.function = function;
        this.work = work;
    }

    /**
     * Registers {@code work} to run before the snapshot. The caller must keep the returned object: CRaC holds
     * registered resources weakly. {@code work} must not write anything a user could see.
     */
    public static Priming register(String function, Runnable work) {
        Priming priming = new Priming(function, work);
        Core.getGlobalContext().register(priming);
        return priming;
    }

    /**
     * Runs the priming work and says whether it completed; a failure is logged, never thrown: a snapshot without
     * priming still works.
     */
    public boolean prime() {
        long started = System.nanoTime();
        try {
            work.run();
            LOG.info("primed {} for the SnapStart snapshot in {} ms", function, (System.nanoTime() - started) / 1_000_000);
            return true;
        } catch (RuntimeException e) {
            LOG.warn("priming {} failed; the first request after a restore will do that work instead", function, e);
            return false;
        }
    }

    @Override
    public void beforeCheckpoint(Context<? extends Resource> context) {
        prime();
    }

    @Override
    public void afterRestore(Context<? extends Resource> context) {
        // Nothing to renew: the SDK opens new connections as it needs them, and credentials come from the
        // restored environment.
    }
}
