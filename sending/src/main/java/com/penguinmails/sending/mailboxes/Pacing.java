package com.penguinmails.sending.mailboxes;

import java.time.Instant;

/**
 * A mailbox's send pacing, kept on an item of its own ({@link MailboxStore#findPacing}) and changed only by a
 * conditional write on all three values (so two senders can never both take the same moment). Null means never set.
 *
 * @param nextSendNotBefore the gate: no mail (cold or warmup) leaves the mailbox before this; each send moves it
 *                          a random 60 to 300 seconds ahead
 * @param slotCursor        the end of the queue of cold mails that arrived while the gate was closed: each such mail
 *                          is rescheduled to the cursor and moves it on by another random gap, so a batch leaves one
 *                          by one instead of all retrying at the same moment
 * @param nextWarmupAt      when the warmup exchange next lets this mailbox start a warmup conversation, spreading
 *                          today's warmup cap over the rest of its working hours
 */
public record Pacing(Instant nextSendNotBefore, Instant slotCursor, Instant nextWarmupAt) {

    public static final Pacing NONE = new Pacing(null, null, null);

    /** Stored as epoch milliseconds, so held that way too: a value read back then equals the one written. */
    public Pacing {
        nextSendNotBefore = millis(nextSendNotBefore);
        slotCursor = millis(slotCursor);
        nextWarmupAt = millis(nextWarmupAt);
    }

    private static Instant millis(Instant instant) {
        return instant == null ? null : instant.truncatedTo(java.time.temporal.ChronoUnit.MILLIS);
    }

    public Pacing withGate(Instant gate) {
        return new Pacing(gate, slotCursor, nextWarmupAt);
    }

    public Pacing withCursor(Instant cursor) {
        return new Pacing(nextSendNotBefore, cursor, nextWarmupAt);
    }

    public Pacing withNextWarmupAt(Instant at) {
        return new Pacing(nextSendNotBefore, slotCursor, at);
    }
}
