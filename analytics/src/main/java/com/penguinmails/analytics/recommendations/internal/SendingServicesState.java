package com.penguinmails.analytics.recommendations.internal;

import com.penguinmails.analytics.recommendations.SendingState;
import com.penguinmails.core.paging.Page;
import com.penguinmails.sending.domains.DnsRecord;
import com.penguinmails.sending.domains.Domain;
import com.penguinmails.sending.domains.DomainService;
import com.penguinmails.sending.domains.RecordCheck;
import com.penguinmails.sending.ips.DedicatedIp;
import com.penguinmails.sending.ips.IpService;
import com.penguinmails.sending.ledger.DailyCounts;
import com.penguinmails.sending.ledger.SendLedger;
import com.penguinmails.sending.mailboxes.Mailbox;
import com.penguinmails.sending.mailboxes.MailboxService;
import com.penguinmails.sending.warmup.WarmupDay;
import com.penguinmails.sending.warmup.WarmupEngine;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * The sending side's state as the recommendation rules read it, from sending's own services: a domain's last
 * verification (which records were found), and each IP's and mailbox's cap and sends per day from the send ledger.
 * An IP's cap on an earlier day is the one its warmup history set on or before that day; a mailbox's is its
 * cold-email limit (which does not ramp).
 */
public final class SendingServicesState implements SendingState {

    private static final int PAGE = 100;

    private final DomainService domains;
    private final IpService ips;
    private final MailboxService mailboxes;
    private final SendLedger ledger;

    public SendingServicesState(DomainService domains, IpService ips, MailboxService mailboxes, SendLedger ledger) {
        this.domains = domains;
        this.ips = ips;
        this.mailboxes = mailboxes;
        this.ledger = ledger;
    }

    @Override
    public List<DomainAuthentication> domains(String workspaceId) {
        List<DomainAuthentication> result = new ArrayList<>();
        String position = null;
        do {
            Page<Domain> page = domains.list(workspaceId, position, PAGE);
            page.items().forEach(domain -> result.add(authentication(domain)));
            position = page.nextCursor();
        } while (position != null);
        return result;
    }

    static DomainAuthentication authentication(Domain domain) {
        return new DomainAuthentication(domain.id(), check(domain, DnsRecord.Purpose.SPF), check(domain, DnsRecord.Purpose.DKIM),
                check(domain, DnsRecord.Purpose.DMARC), domain.lastCheckedAt());
    }

    private static Check check(Domain domain, DnsRecord.Purpose purpose) {
        int required = (int) domain.records().stream().filter(r -> r.purpose() == purpose).count();
        List<RecordCheck> checks = domain.lastChecks().stream().filter(c -> c.record().purpose() == purpose).toList();
        int found = (int) checks.stream().filter(RecordCheck::found).count();
        String observed = checks.stream().filter(c -> !c.found()).map(RecordCheck::observed)
                .filter(o -> o != null && !o.isBlank()).collect(Collectors.joining(" | "));
        return new Check(found, required, observed);
    }

    @Override
    public List<CapUsage> capUsage(String workspaceId, Instant now, int days) {
        List<CapUsage> result = new ArrayList<>();
        for (DedicatedIp ip : ips.listIps(workspaceId)) {
            long today = WarmupEngine.dailyCap(ip.plan(), ip.warmup());
            result.add(new CapUsage("ip", ip.id(), ip.address(), uses(ip.id(), now, ZoneOffset.UTC, days, day -> capOn(ip.warmup().history(), day, today))));
        }
        for (Mailbox mailbox : mailboxes.list(workspaceId)) {
            long cap = mailboxes.coldEmailCap(mailbox);
            ZoneId zone = mailbox.window() == null ? ZoneOffset.UTC : mailbox.window().zone();
            result.add(new CapUsage("mailbox", mailbox.id(), mailbox.email(), uses(mailbox.id(), now, zone, days, day -> cap)));
        }
        return result;
    }

    private List<DayUse> uses(String ledgerId, Instant now, ZoneId zone, int days, java.util.function.Function<LocalDate, Long> capOn) {
        LocalDate today = now.atZone(zone).toLocalDate();
        LocalDate first = today.minusDays(days - 1L);
        Map<LocalDate, Long> sent = new HashMap<>();
        for (DailyCounts day : ledger.history(ledgerId, first, today)) {
            sent.put(day.day(), day.counts().sent());
        }
        List<DayUse> uses = new ArrayList<>();
        for (LocalDate day = today; !day.isBefore(first); day = day.minusDays(1)) {
            uses.add(new DayUse(day, sent.getOrDefault(day, 0L), capOn.apply(day)));
        }
        return uses;
    }

    /** The cap the latest decision on or before {@code day} set; today's when the history says nothing of that day. */
    private static long capOn(List<WarmupDay> history, LocalDate day, long today) {
        long cap = today;
        boolean seen = false;
        for (WarmupDay entry : history) {
            if (!entry.date().isAfter(day)) {
                cap = entry.cap();
                seen = true;
            }
        }
        return seen ? cap : today;
    }
}
