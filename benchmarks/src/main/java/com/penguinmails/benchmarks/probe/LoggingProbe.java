package com.penguinmails.benchmarks.probe;

import org.slf4j.LoggerFactory;

/**
 * The floor under any function's cold start: a fresh JVM that only writes one Powertools JSON log line through the
 * jar's SLF4J and log4j (the logging setup every function has). Runs with only functions-api.jar and this package
 * on the class path.
 */
public final class LoggingProbe {

    private LoggingProbe() {
    }

    public static void main(String[] args) {
        LoggerFactory.getLogger("com.penguinmails.probe").info("one log line");
        System.exit(0);
    }
}
