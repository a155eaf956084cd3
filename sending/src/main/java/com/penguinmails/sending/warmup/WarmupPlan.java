package com.penguinmails.sending.warmup;

/**
 * A ramp of daily sending caps, one step per healthy day. A resource's progress is a step index into its plan
 * ({@link WarmupState#step()}), so IPs and mailboxes share one engine ({@link WarmupEngine}).
 */
public sealed interface WarmupPlan permits IpWarmupPlan, MailboxWarmupPlan {

    /** A short name users recognise ("standard", "conservative", "custom", "mailbox"). */
    String name();

    /** How many steps the plan has; at least 1. */
    int stepCount();

    /**
     * The daily cap at {@code step} (0-based). A step past the end gets the final cap, so a state kept from a longer
     * plan never reads outside a shorter one.
     */
    long capAt(int step);

    default int lastStep() {
        return stepCount() - 1;
    }
}
