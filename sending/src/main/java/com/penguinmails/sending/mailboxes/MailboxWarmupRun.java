package com.penguinmails.sending.mailboxes;

import com.penguinmails.sending.ledger.SendLedger;
import com.penguinmails.sending.mail.MailTransport;
import com.penguinmails.sending.mail.OutgoingEmail;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.random.RandomGenerator;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One run of the mailbox warmup (the {@code mailbox-warmup} schedule), workspace by workspace:
 * <ol>
 *   <li>the daily warmup step for every mailbox whose local day has turned since its last step;</li>
 *   <li>bounce reports: every mailbox with IMAP (enrolled or not, paused or not: reports of earlier mail keep coming)
 *       is read for bounce reports of its cold email, which go to the delivery-events queue
 *       ({@link BounceScan});</li>
 *   <li>replies: the same mailboxes are read for replies to their cold email, each told once as a reply of its
 *       contact in its campaign ({@link ReplyScan});</li>
 *   <li>the sending side: {@link WarmupExchange#plan} picks the enrolled mailboxes that start a warmup conversation
 *       now and their peers; each claims its pacing slot (conditional write), then a unit of today's warmup cap
 *       (ledger), then sends through its own SMTP server;</li>
 *   <li>the receiving side: each enrolled mailbox is read over IMAP; peers' warmup mail (and placement test copies
 *       from any of the workspace's mailboxes) is rescued from spam and marked read and important, originals are
 *       answered at the mailbox's reply rate, and the folder each was found in goes to the {@link PlacementObserver}
 *       (inbox placement: the enrolled mailboxes are the workspace's seed mailboxes).</li>
 * </ol>
 * A failing mailbox (login refused, server down) is logged and skipped; the others go on. Safe to run twice:
 * steps are once a day, the slot and cap claims are conditional, read mail is not handled again, and bounce reports
 * are deleted once queued (their event ids are stable, so a report queued twice counts once).
 */
public final class MailboxWarmupRun {

    private static final Logger LOG = LoggerFactory.getLogger(MailboxWarmupRun.class);

    private final MailboxService mailboxes;
    private final SendLedger ledger;
    private final MailTransport smtp;
    private final WarmupInbox inbox;
    private final Clock clock;
    private final RandomGenerator random;
    private final BounceScan bounces;
    private final PlacementObserver placement;
    private final ReplyScan replies;

    public MailboxWarmupRun(MailboxService mailboxes, SendLedger ledger, MailTransport smtp, WarmupInbox inbox, Clock clock,
                            RandomGenerator random) {
        this(mailboxes, ledger, smtp, inbox, clock, random, null);
    }

    /** With {@code bounces}, every mailbox with IMAP is also read for bounce reports; null skips that step. */
    public MailboxWarmupRun(MailboxService mailboxes, SendLedger ledger, MailTransport smtp, WarmupInbox inbox, Clock clock,
                            RandomGenerator random, BounceScan bounces) {
        this(mailboxes, ledger, smtp, inbox, clock, random, bounces, PlacementObserver.NONE);
    }

    /** With {@code placement}, told where each received warmup message was found. */
    public MailboxWarmupRun(MailboxService mailboxes, SendLedger ledger, MailTransport smtp, WarmupInbox inbox, Clock clock,
                            RandomGenerator random, BounceScan bounces, PlacementObserver placement) {
        this(mailboxes, ledger, smtp, inbox, clock, random, bounces, placement, null);
    }

    /** With {@code replies}, every mailbox with IMAP is also read for replies to its cold email; null skips that step. */
    public MailboxWarmupRun(MailboxService mailboxes, SendLedger ledger, MailTransport smtp, WarmupInbox inbox, Clock clock,
                            RandomGenerator random, BounceScan bounces, PlacementObserver placement, ReplyScan replies) {
        this.replies = replies;
        this.bounces = bounces;
        this.placement = placement;
        this.mailboxes = mailboxes;
        this.ledger = ledger;
        this.smtp = smtp;
        this.inbox = inbox;
        this.clock = clock;
        this.random = random;
    }

    /** What a run did, summed over all workspaces. */
    public record Summary(int mailboxes, int stepped, int warmupSent, int rescuedFromSpam, int marked, int replied, int bounceReports,
                          int bounceEvents, int placementsObserved, int coldReplies, int failures) {}

    public Summary run() {
        Map<String, List<Mailbox>> byWorkspace = new LinkedHashMap<>();
        mailboxes.forEach(m -> byWorkspace.computeIfAbsent(m.workspaceId(), k -> new ArrayList<>()).add(m));
        Counter total = new Counter();
        byWorkspace.forEach((workspaceId, list) -> runWorkspace(list, total));
        Summary summary = new Summary(total.mailboxes, total.stepped, total.sent, total.rescued, total.marked, total.replied,
                total.bounceReports, total.bounceEvents, total.placements, total.coldReplies, total.failures);
        if (summary.mailboxes() > 0) {
            LOG.info("mailbox warmup run: {}", summary);
        }
        return summary;
    }

    private void runWorkspace(List<Mailbox> list, Counter counter) {
        List<Mailbox> current = new ArrayList<>();
        for (Mailbox mailbox : list) {
            counter.mailboxes++;
            try {
                Mailbox stepped = mailboxes.advanceDay(mailbox);
                if (stepped.version() != mailbox.version()) {
                    counter.stepped++;
                    LOG.info("mailbox {} warmup step: {}", mailbox.id(), stepped.warmup().history().isEmpty() ? "-"
                            : stepped.warmup().history().get(stepped.warmup().history().size() - 1));
                }
                current.add(stepped);
            } catch (RuntimeException e) {
                counter.failures++;
                LOG.warn("mailbox {}: daily step failed", mailbox.id(), e);
                current.add(mailbox);
            }
        }
        if (bounces != null) {
            readBounces(current, counter);
        }
        if (replies != null) {
            readReplies(current, counter);
        }
        List<Mailbox> enrolled = current.stream().filter(Mailbox::enrolled).toList();
        if (enrolled.size() >= 2) {
            send(enrolled, counter);
        }
        // Even a single enrolled mailbox is read: it is a seed for the workspace's placement tests.
        receive(enrolled, current, counter);
    }

    private void send(List<Mailbox> enrolled, Counter counter) {
        Instant now = clock.instant();
        List<WarmupExchange.Candidate> candidates = new ArrayList<>();
        for (Mailbox mailbox : enrolled) {
            candidates.add(new WarmupExchange.Candidate(mailboxes.withCurrentPacing(mailbox), mailboxes.warmupCap(mailbox),
                    mailboxes.warmupUsedToday(mailbox)));
        }
        for (WarmupExchange.PlannedSend planned : WarmupExchange.plan(now, candidates, random)) {
            Mailbox from = planned.from();
            if (!mailboxes.updatePacing(from, planned.nextPacing())) {
                continue; // a cold email took the slot a moment ago; next run
            }
            String ledgerId = MailboxService.warmupLedgerId(from.id());
            var day = from.window().localDate(now);
            if (!ledger.reserve(ledgerId, day, mailboxes.warmupCap(from))) {
                continue;
            }
            try {
                OutgoingEmail email = WarmupEmails.original(from, planned.to(), random);
                smtp.send(email, new MailTransport.SendingIdentity(from.workspaceId(), from.id(), null, mailboxes.smtpSettings(from)));
                counter.sent++;
            } catch (RuntimeException e) {
                ledger.unreserve(ledgerId, day);
                counter.failures++;
                LOG.warn("mailbox {}: warmup email to {} failed: {}", from.id(), planned.to().id(), e.getMessage());
            }
        }
    }

    private void receive(List<Mailbox> enrolled, List<Mailbox> all, Counter counter) {
        Set<String> peers = new HashSet<>();
        enrolled.forEach(m -> peers.add(m.email().toLowerCase(Locale.ROOT)));
        Map<String, Mailbox> byAddress = new LinkedHashMap<>();
        all.forEach(m -> byAddress.putIfAbsent(m.email().toLowerCase(Locale.ROOT), m));
        for (Mailbox mailbox : enrolled) {
            Optional<ImapSettings> imap;
            WarmupInbox.Pass pass;
            try {
                imap = mailboxes.imapSettings(mailbox);
                if (imap.isEmpty()) {
                    continue;
                }
                Set<String> others = new HashSet<>(peers);
                others.remove(mailbox.email().toLowerCase(Locale.ROOT));
                Set<String> testSenders = new HashSet<>(byAddress.keySet());
                testSenders.remove(mailbox.email().toLowerCase(Locale.ROOT));
                pass = inbox.process(imap.get(), r -> WarmupExchange.onReceived(r.warmupHeader(), r.isReply(), r.fromAddress(),
                        r.placementTestId() == null ? others : testSenders, r.messageId(), 0, false) != WarmupExchange.InboxAction.IGNORE);
            } catch (RuntimeException e) {
                counter.failures++;
                LOG.warn("mailbox {}: warmup inbox pass failed: {}", mailbox.id(), e.getMessage());
                continue;
            }
            counter.rescued += pass.rescuedFromSpam();
            counter.marked += pass.marked().size();
            boolean mayReply = !mailbox.warmup().isPaused();
            for (ReceivedWarmup received : pass.marked()) {
                observe(mailbox, byAddress.get(received.fromAddress().toLowerCase(Locale.ROOT)), received, counter);
                if (received.placementTestId() != null) {
                    continue; // a test copy is measured, not answered
                }
                WarmupExchange.InboxAction action = WarmupExchange.onReceived(received.warmupHeader(), received.isReply(),
                        received.fromAddress(), peers, received.messageId(), mailbox.replyRate(), mayReply);
                if (action == WarmupExchange.InboxAction.MARK_AND_REPLY) {
                    reply(mailbox, received, counter);
                }
            }
        }
    }

    private void observe(Mailbox seed, Mailbox sender, ReceivedWarmup received, Counter counter) {
        if (sender == null) {
            return;
        }
        try {
            placement.observed(seed, sender, received);
            counter.placements++;
        } catch (RuntimeException e) {
            counter.failures++;
            LOG.warn("mailbox {}: placement of {} ({}) not recorded: {}", seed.id(), received.messageId(), received.folder().wireName(), e.getMessage());
        }
    }

    private void readBounces(List<Mailbox> list, Counter counter) {
        for (Mailbox mailbox : list) {
            if (mailbox.imap() == null) {
                continue;
            }
            try {
                BounceScan.Result result = bounces.scan(mailbox);
                counter.bounceReports += result.reports();
                counter.bounceEvents += result.events();
            } catch (RuntimeException e) {
                counter.failures++;
                LOG.warn("mailbox {}: bounce pass failed: {}", mailbox.id(), e.getMessage());
            }
        }
    }

    private void readReplies(List<Mailbox> list, Counter counter) {
        for (Mailbox mailbox : list) {
            if (mailbox.imap() == null) {
                continue;
            }
            try {
                counter.coldReplies += replies.scan(mailbox);
            } catch (RuntimeException e) {
                counter.failures++;
                LOG.warn("mailbox {}: reply pass failed: {}", mailbox.id(), e.getMessage());
            }
        }
    }

    private void reply(Mailbox mailbox, ReceivedWarmup received, Counter counter) {
        String ledgerId = MailboxService.replyLedgerId(mailbox.id());
        var day = mailbox.window().localDate(clock.instant());
        ledger.reserve(ledgerId, day, Long.MAX_VALUE);
        try {
            smtp.send(WarmupEmails.reply(mailbox, received, random),
                    new MailTransport.SendingIdentity(mailbox.workspaceId(), mailbox.id(), null, mailboxes.smtpSettings(mailbox)));
            counter.replied++;
        } catch (RuntimeException e) {
            ledger.unreserve(ledgerId, day);
            counter.failures++;
            LOG.warn("mailbox {}: warmup reply to {} failed: {}", mailbox.id(), received.messageId(), e.getMessage());
        }
    }

    private static final class Counter {
        int mailboxes;
        int stepped;
        int sent;
        int rescued;
        int marked;
        int replied;
        int bounceReports;
        int bounceEvents;
        int placements;
        int coldReplies;
        int failures;
    }
}
