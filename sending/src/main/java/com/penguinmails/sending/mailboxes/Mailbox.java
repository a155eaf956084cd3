package com.penguinmails.sending.mailboxes;

import com.penguinmails.sending.warmup.MailboxWarmupPlan;
import com.penguinmails.sending.warmup.WarmupState;
import java.time.Instant;
import java.util.List;

/**
 * A sending mailbox (cold email): its own SMTP server and login, optionally IMAP for the warmup exchange, working
 * hours in its time zone, and a warmup plan with its progress. {@code version} guards the warmup state and settings
 * (daily step, pause, resume); {@code pacing} is a snapshot of the separately, conditionally written send pacing:
 * {@link MailboxStore#find} gives only what the mailbox's row holds from before pacing moved to an item of its own,
 * {@link MailboxService#withCurrentPacing} the current pacing.
 *
 * @param aliases       further addresses it may send as (From), besides {@code email}
 * @param imap          null when the mailbox has no IMAP access (then it cannot take part in the warmup exchange)
 * @param warmupEnabled whether it exchanges warmup emails with the workspace's other enrolled mailboxes
 * @param replyRate     the share of received warmup emails it answers, 0 to 1
 */
public record Mailbox(String id, String workspaceId, String email, List<String> aliases, String name, SmtpServerSettings smtp, ServerSettings imap,
                      SendingWindow window, MailboxWarmupPlan plan, WarmupState warmup, boolean warmupEnabled,
                      double replyRate, Instant createdAt, long version, Pacing pacing) {

    public Mailbox {
        pacing = pacing == null ? Pacing.NONE : pacing;
        aliases = aliases == null ? List.of() : List.copyOf(aliases);
    }

    /** Enrolled in the warmup exchange: asked for, and possible (it has IMAP to receive with). */
    public boolean enrolled() {
        return warmupEnabled && imap != null;
    }

    public Mailbox withWarmup(WarmupState next) {
        return new Mailbox(id, workspaceId, email, aliases, name, smtp, imap, window, plan, next, warmupEnabled, replyRate, createdAt, version, pacing);
    }

    public Mailbox withVersion(long next) {
        return new Mailbox(id, workspaceId, email, aliases, name, smtp, imap, window, plan, warmup, warmupEnabled, replyRate, createdAt, next, pacing);
    }

    public Mailbox withPacing(Pacing next) {
        return new Mailbox(id, workspaceId, email, aliases, name, smtp, imap, window, plan, warmup, warmupEnabled, replyRate, createdAt, version, next);
    }
}
