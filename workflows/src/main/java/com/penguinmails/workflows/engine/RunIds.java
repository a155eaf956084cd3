package com.penguinmails.workflows.engine;

import com.penguinmails.core.platform.Hashing;
import java.time.Instant;

/**
 * Run ids made from what started the run, so the same trigger seen twice (a redelivered event, a schedule tick run
 * again) names the same run and its create fails. {@code wfr_<workflow><time><hash>}: the workflow's id and the start
 * time in fixed-width base62 (whose alphabet is in ASCII order) make a workflow's runs one key range, newest last.
 */
public final class RunIds {

    private static final String ALPHABET = "0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz";
    static final String PREFIX = "wfr_";

    private RunIds() {
    }

    public static String of(String workflowId, Instant at, String triggerKey) {
        long hash = Long.parseUnsignedLong(Hashing.sha256Hex(workflowId + "\n" + triggerKey).substring(0, 12), 16);
        return prefixOf(workflowId) + base62(at.toEpochMilli(), 8) + base62(hash, 8);
    }

    /** What every run id of {@code workflowId} starts with. */
    public static String prefixOf(String workflowId) {
        return PREFIX + workflowId.substring(workflowId.indexOf('_') + 1);
    }

    private static String base62(long value, int width) {
        char[] out = new char[width];
        long rest = value;
        for (int i = width - 1; i >= 0; i--) {
            out[i] = ALPHABET.charAt((int) Long.remainderUnsigned(rest, 62));
            rest = Long.divideUnsigned(rest, 62);
        }
        return new String(out);
    }
}
