package com.penguinmails.local;

import java.time.Duration;

/**
 * Told of every invocation the local runtime makes of a catalog function, once it has ended: what Lambda bills as
 * one request and, with the function's memory, as GB-seconds. The sending benchmark meters Lambda cost this way.
 * Called on the invoking thread; must be quick and thread-safe.
 */
@FunctionalInterface
public interface InvocationListener {

    void invoked(Invocation invocation);

    /**
     * @param function the catalog name
     * @param memoryMb the catalog's memory for it
     * @param duration how long the handler ran (for one that ran past its timeout: the timeout, which is what Lambda
     *                 bills)
     * @param cpuTime  the CPU time the handler's thread used meanwhile (for one that timed out: what it used until then
     *                 is not known, zero): what the time would shrink to with no waiting at all
     * @param failed   whether it threw or timed out
     */
    record Invocation(String function, int memoryMb, Duration duration, Duration cpuTime, boolean failed) {}
}
