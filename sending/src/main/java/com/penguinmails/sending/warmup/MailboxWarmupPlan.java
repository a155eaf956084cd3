package com.penguinmails.sending.warmup;

/**
 * Warmup for one sending mailbox (cold-email style): warmup emails exchanged with peer mailboxes start small and
 * grow by a fixed amount per healthy day up to a cap, while real cold email is limited separately.
 *
 * <p>Step {@code n}'s cap is {@code min(startPerDay + dailyIncrement * n, capPerDay)}: the engine counts healthy
 * days, not calendar days, so a mailbox that was held does not jump ahead afterwards.
 *
 * @param startPerDay         warmup emails on the first day, 1 to 5
 * @param dailyIncrement      added per healthy day, at least 1
 * @param capPerDay           the most warmup emails a day, {@code startPerDay} to 50
 * @param maxColdEmailsPerDay real cold emails a day allowed while the mailbox is on this plan (0 while paused);
 *                            warmup continues alongside them
 */
public record MailboxWarmupPlan(int startPerDay, int dailyIncrement, int capPerDay, int maxColdEmailsPerDay)
        implements WarmupPlan {

    /** Providers' guidance: start at 1 to 5 warmup emails a day. */
    public static final int MAX_START_PER_DAY = 5;
    /** Providers' guidance: warmup tops out at 30 to 50 a day; more looks like bulk mail from a personal inbox. */
    public static final int MAX_WARMUP_EMAILS_PER_DAY = 50;

    public MailboxWarmupPlan {
        if (startPerDay < 1 || startPerDay > MAX_START_PER_DAY) {
            throw new IllegalArgumentException("startPerDay must be between 1 and " + MAX_START_PER_DAY + "; got " + startPerDay);
        }
        if (dailyIncrement < 1) {
            throw new IllegalArgumentException("dailyIncrement must be at least 1; got " + dailyIncrement);
        }
        if (capPerDay < startPerDay || capPerDay > MAX_WARMUP_EMAILS_PER_DAY) {
            throw new IllegalArgumentException("capPerDay must be between startPerDay (" + startPerDay + ") and "
                    + MAX_WARMUP_EMAILS_PER_DAY + "; got " + capPerDay);
        }
        if (maxColdEmailsPerDay < 0) {
            throw new IllegalArgumentException("maxColdEmailsPerDay must not be negative; got " + maxColdEmailsPerDay);
        }
    }

    /**
     * 2 a day, +2 per healthy day, up to 40 (reached in 20 steps): the middle of the providers' ranges (start 1 to
     * 5, +1 to +2 a day, cap 30 to 50). At most 40 cold emails a day, the usual limit for a new mailbox.
     */
    public static MailboxWarmupPlan defaults() {
        return new MailboxWarmupPlan(2, 2, 40, 40);
    }

    @Override
    public String name() {
        return "mailbox";
    }

    @Override
    public int stepCount() {
        int growth = capPerDay - startPerDay;
        return 1 + (growth + dailyIncrement - 1) / dailyIncrement;
    }

    @Override
    public long capAt(int step) {
        if (step < 0) {
            throw new IllegalArgumentException("step must not be negative; got " + step);
        }
        return Math.min((long) startPerDay + (long) dailyIncrement * step, capPerDay);
    }
}
