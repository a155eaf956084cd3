package com.penguinmails.sending.reputation;

import com.penguinmails.core.platform.ResourceKind;
import com.penguinmails.sending.ips.DedicatedIp;
import com.penguinmails.sending.ips.IpService;
import com.penguinmails.sending.ledger.SendLedger;
import com.penguinmails.sending.mailboxes.Mailbox;
import com.penguinmails.sending.mailboxes.MailboxService;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;

/**
 * Reputation of a workspace's IPs, sending mailboxes and sending domains over the rolling window, with the figures
 * behind it. A mailbox is judged on its cold email only (its own ledger row: sends and what came back of them, in
 * its local days); warmup mail is not a message and never bounces into the counts.
 */
public final class ReputationService {

    public record ResourceReputation(String kind, String id, String label, ReputationAssessment assessment, boolean paused,
                                     String pauseReason) {}

    private final IpService ips;
    private final MailboxService mailboxes;
    private final SendLedger ledger;
    private final ReputationPolicy policy;

    public ReputationService(IpService ips, SendLedger ledger, ReputationPolicy policy) {
        this(ips, null, ledger, policy);
    }

    /** With {@code mailboxes}, the workspace's mailboxes are listed too (kind {@code mailbox}). */
    public ReputationService(IpService ips, MailboxService mailboxes, SendLedger ledger, ReputationPolicy policy) {
        this.ips = ips;
        this.mailboxes = mailboxes;
        this.ledger = ledger;
        this.policy = policy;
    }

    public List<ResourceReputation> forWorkspace(String workspaceId, List<String> domains) {
        LocalDate today = ips.today();
        LocalDate from = today.minusDays(policy.windowDays() - 1L);
        List<ResourceReputation> result = new ArrayList<>();
        for (DedicatedIp ip : ips.listIps(workspaceId)) {
            ReputationAssessment assessment = ReputationCalculator.assess(ledger.history(ip.id(), from, today), today, policy);
            ReputationState state = ip.warmup().isPaused() ? ReputationState.PAUSED : assessment.state();
            result.add(new ResourceReputation("ip", ip.id(), ip.address(), withState(assessment, state), ip.warmup().isPaused(),
                    ip.warmup().pauseReason()));
        }
        if (mailboxes != null) {
            for (Mailbox mailbox : mailboxes.list(workspaceId)) {
                LocalDate localToday = mailboxes.today(mailbox);
                ReputationAssessment assessment = ReputationCalculator.assess(
                        ledger.history(mailbox.id(), localToday.minusDays(policy.windowDays() - 1L), localToday), localToday, policy);
                boolean paused = mailbox.warmup().isPaused();
                result.add(new ResourceReputation("mailbox", mailbox.id(), mailbox.email(),
                        withState(assessment, paused ? ReputationState.PAUSED : assessment.state()), paused, mailbox.warmup().pauseReason()));
            }
        }
        for (String domain : domains) {
            ReputationAssessment assessment = ReputationCalculator.assess(ledger.history(ResourceKind.SENDING_DOMAIN.key(domain), from, today), today, policy);
            result.add(new ResourceReputation("domain", domain, domain, assessment, false, null));
        }
        return result;
    }

    private static ReputationAssessment withState(ReputationAssessment a, ReputationState state) {
        return state == a.state() ? a : new ReputationAssessment(state, a.windowStart(), a.windowEnd(), a.counts(), a.hardBounceRate(),
                a.complaintRate(), a.deferralRate(), a.reasons(), a.insufficientSample());
    }
}
