package com.penguinmails.sending.suppressions;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * The suppressions each workspace added lately, as this container last read them from the store's record: a sender
 * reads a workspace's additions once per {@link #FRESH_FOR} instead of querying every recipient's suppressions.
 * Each workspace's window covers the additions from some time on, as of the first read of it; a message accepted
 * before that time reads the part before and adds it to the window.
 */
final class RecentAdditions {

    /**
     * How old a read may be and still be used. A suppression added within this before a send may miss it, as the
     * check it replaces (a query per message: an eventually consistent read, which DynamoDB makes current within
     * about a second) could; a busy container reads once a second per workspace, a few hundredths of a read unit
     * per email at a million emails an hour.
     */
    static final Duration FRESH_FOR = Duration.ofSeconds(1);
    /**
     * A window is read from this much before the time the first message asking for it needs, so the messages of a
     * batch (accepted within moments of each other, in any order) share one query; it costs 30 s more of additions.
     */
    static final Duration SLACK = Duration.ofSeconds(30);
    /**
     * Additions read per query at most (about 115 KB, 14 read units); a workspace with more since gets the full check
     * for {@link #TOO_MANY_FOR}, since reading again at once would most likely find as many.
     */
    static final int MAX_READ = 1_000;
    static final Duration TOO_MANY_FOR = Duration.ofMinutes(1);
    private static final int MAX_WORKSPACES = 1_000;

    /** {@code entries} are {@code <email>|<scope>}; {@code complete} false: more were added than one read may take. */
    private record Window(Instant from, Instant readAt, Set<String> entries, boolean complete) {

        boolean freshAt(Instant now) {
            return now.isBefore(readAt.plus(complete ? FRESH_FOR : TOO_MANY_FOR));
        }
    }

    private final SuppressionStore store;
    private final Clock clock;
    private final Map<String, Window> windows = new LinkedHashMap<>(16, 0.75f, true) {
        @Override
        protected boolean removeEldestEntry(Map.Entry<String, Window> eldest) {
            return size() > MAX_WORKSPACES;
        }
    };

    RecentAdditions(SuppressionStore store, Clock clock) {
        this.store = store;
        this.clock = clock;
    }

    /**
     * The {@code <email>|<scope>} of every addition recorded in the workspace at or after {@code since} (and maybe
     * some before); empty when there were too many to read. Synchronized: the messages of a batch, sent side by side,
     * wait for one read rather than each making its own.
     */
    synchronized Optional<Set<String>> since(String workspaceId, Instant since) {
        Instant now = clock.instant();
        Window window = windows.get(workspaceId);
        if (window == null || !window.freshAt(now)) {
            window = read(workspaceId, since.minus(SLACK), null, now, Set.of(), true);
        } else if (since.isBefore(window.from()) && window.complete()) {
            // Read after the window's own read, so the window stays as fresh as its first read.
            window = read(workspaceId, since.minus(SLACK), window.from(), window.readAt(), window.entries(), window.complete());
        }
        windows.put(workspaceId, window);
        return window.complete() ? Optional.of(window.entries()) : Optional.empty();
    }

    /** Forgets what was read of the workspace, so a suppression this container just added counts at once. */
    synchronized void forget(String workspaceId) {
        windows.remove(workspaceId);
    }

    private Window read(String workspaceId, Instant from, Instant until, Instant readAt, Set<String> known, boolean complete) {
        List<SuppressionAddition> additions = store.additions(workspaceId, from, until, MAX_READ);
        Set<String> entries = new HashSet<>(known);
        additions.forEach(a -> entries.add(a.email() + "|" + a.scope()));
        return new Window(from, readAt, Set.copyOf(entries), complete && additions.size() < MAX_READ);
    }
}
