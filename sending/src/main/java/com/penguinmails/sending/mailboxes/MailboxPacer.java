package com.penguinmails.sending.mailboxes;

import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import java.util.random.RandomGenerator;

/**
 * Spreads a mailbox's sends: never two within a random 60 to 300 seconds of each other, never outside its working
 * hours. Pure; the caller stores the returned {@link Pacing} with a conditional write and retries on conflict.
 */
public final class MailboxPacer {

    public static final Duration MIN_GAP = Duration.ofSeconds(60);
    public static final Duration MAX_GAP = Duration.ofSeconds(300);

    private MailboxPacer() {
    }

    /**
     * What to do with a cold email at {@code now} (the caller has checked the window is open now).
     *
     * @param sendNow true: send, and store {@code next}; false: store {@code next} and reschedule to {@code retryAt}
     */
    public record Admission(boolean sendNow, Instant retryAt, Pacing next) {}

    public static Admission admitColdEmail(Pacing current, Instant now, SendingWindow window, RandomGenerator random) {
        Instant gate = current.nextSendNotBefore();
        Instant cursor = current.slotCursor();
        if (gate == null || !now.isBefore(gate)) {
            // Mails queued behind the cursor are already spaced by random gaps; keeping the gate at the minimum
            // then lets each of them through when its slot comes instead of pushing it to the back again.
            boolean queueAhead = cursor != null && cursor.isAfter(now);
            Instant nextGate = now.plus(queueAhead ? MIN_GAP : randomGap(random));
            return new Admission(true, now, current.withGate(nextGate));
        }
        Instant slot = cursor != null && cursor.isAfter(gate) ? cursor : gate;
        if (!window.contains(slot)) {
            slot = window.nextOpening(slot).plus(randomGap(random));
        }
        return new Admission(false, slot, current.withCursor(slot.plus(randomGap(random))));
    }

    /** A warmup email may leave now if the gate is open; the result closes it again for a random gap. */
    public static Optional<Pacing> admitWarmup(Pacing current, Instant now, RandomGenerator random) {
        Instant gate = current.nextSendNotBefore();
        if (gate != null && now.isBefore(gate)) {
            return Optional.empty();
        }
        return Optional.of(current.withGate(now.plus(randomGap(random))));
    }

    /** Uniform in [60 s, 300 s], to the second. */
    public static Duration randomGap(RandomGenerator random) {
        return Duration.ofSeconds(MIN_GAP.getSeconds() + random.nextLong(MAX_GAP.getSeconds() - MIN_GAP.getSeconds() + 1));
    }
}
